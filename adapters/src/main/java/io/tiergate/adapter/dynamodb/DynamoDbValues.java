package io.tiergate.adapter.dynamodb;

import io.tiergate.planner.catalog.ColumnSpec;
import io.tiergate.planner.range.EvaluationContext;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.util.NlsString;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The DynamoDB value a literal or bound parameter stands for when compared with a column, in
 * the form {@link DynamoDbItemCodec} stores that column's values. Empty when the value is
 * not of the column's kind (a number compared with a VARCHAR column, a NULL, a TIMESTAMP): the
 * comparison then stays with Calcite, which applies its own coercion rules.
 */
final class DynamoDbValues {
  private DynamoDbValues() {
  }

  static Optional<AttributeValue> of(RexNode operand, ColumnSpec column,
      EvaluationContext context) {
    Object value = javaValue(operand, column, context);
    if (value == null) {
      return Optional.empty();
    }
    return switch (column.type()) {
      case VARCHAR -> value instanceof String s ? Optional.of(AttributeValue.fromS(s))
          : Optional.empty();
      case BOOLEAN -> value instanceof Boolean b ? Optional.of(AttributeValue.fromBool(b))
          : Optional.empty();
      case BIGINT, INTEGER -> decimal(value).map(d -> AttributeValue.fromN(
          d.stripTrailingZeros().toPlainString()));
      // Stored as Double.toString of the double: compare with the double the literal rounds
      // to, as SQL does (0.10000000000000001 is 0.1 as a DOUBLE).
      case DOUBLE -> decimal(value).map(BigDecimal::doubleValue)
          .filter(d -> !d.isInfinite() && !d.isNaN())
          .map(d -> AttributeValue.fromN(Double.toString(d)));
      default -> Optional.empty();
    };
  }

  /**
   * The text a key attribute holds for this value: S as is, an integral number without
   * fraction or exponent ({@link String#valueOf} of a Long, as the codec writes it). Empty for
   * anything else, which then is no key value.
   */
  static Optional<String> keyText(RexNode operand, ColumnSpec column,
      EvaluationContext context) {
    Object value = javaValue(operand, column, context);
    return switch (column.type()) {
      case VARCHAR -> value instanceof String s ? Optional.of(s) : Optional.empty();
      case BIGINT, INTEGER -> decimal(value).flatMap(DynamoDbValues::integral)
          .map(BigInteger::toString);
      default -> Optional.empty();
    };
  }

  /** A Sarg point (NlsString, BigDecimal, Boolean) as key text for the column. */
  static Optional<String> keyText(Object sargPoint, ColumnSpec column) {
    return switch (column.type()) {
      case VARCHAR -> sargPoint instanceof NlsString s ? Optional.ofNullable(s.getValue())
          : Optional.empty();
      case BIGINT, INTEGER -> decimal(sargPoint).flatMap(DynamoDbValues::integral)
          .map(BigInteger::toString);
      default -> Optional.empty();
    };
  }

  /** A Sarg point as a value compared with the column (see {@link #of}). */
  static Optional<AttributeValue> ofSargPoint(Object point, ColumnSpec column) {
    return switch (column.type()) {
      case VARCHAR -> point instanceof NlsString s && s.getValue() != null
          ? Optional.of(AttributeValue.fromS(s.getValue())) : Optional.empty();
      case BOOLEAN -> point instanceof Boolean b ? Optional.of(AttributeValue.fromBool(b))
          : Optional.empty();
      case BIGINT, INTEGER -> decimal(point).map(d -> AttributeValue.fromN(
          d.stripTrailingZeros().toPlainString()));
      case DOUBLE -> decimal(point).map(BigDecimal::doubleValue)
          .filter(d -> !d.isInfinite() && !d.isNaN())
          .map(d -> AttributeValue.fromN(Double.toString(d)));
      default -> Optional.empty();
    };
  }

  private static Object javaValue(RexNode operand, ColumnSpec column,
      EvaluationContext context) {
    if (operand instanceof RexLiteral literal) {
      if (literal.isNull()) {
        return null;
      }
      SqlTypeFamily family = switch (column.type()) {
        case VARCHAR -> SqlTypeFamily.CHARACTER;
        case BOOLEAN -> SqlTypeFamily.BOOLEAN;
        default -> SqlTypeFamily.NUMERIC;
      };
      if (!family.contains(literal.getType())) {
        return null;
      }
      return switch (column.type()) {
        case VARCHAR -> literal.getValueAs(String.class);
        case BOOLEAN -> literal.getValueAs(Boolean.class);
        default -> literal.getValueAs(BigDecimal.class);
      };
    }
    // A parameter may come cast to the column's type; its bound Java value decides.
    RexNode bare = RexUtil.removeCast(operand);
    if (bare instanceof RexDynamicParam param && context.hasParameter(param.getIndex())) {
      return context.parameter(param.getIndex());
    }
    return null;
  }

  private static Optional<BigDecimal> decimal(Object value) {
    if (value instanceof BigDecimal d) {
      return Optional.of(d);
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte) {
      return Optional.of(BigDecimal.valueOf(((Number) value).longValue()));
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Double.isFinite(d) ? Optional.of(new BigDecimal(Double.toString(d)))
          : Optional.empty();
    }
    return Optional.empty();
  }

  private static Optional<BigInteger> integral(BigDecimal value) {
    try {
      return Optional.of(value.toBigIntegerExact());
    } catch (ArithmeticException fraction) {
      return Optional.empty();
    }
  }
}
