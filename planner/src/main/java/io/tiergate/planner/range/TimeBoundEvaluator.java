package io.tiergate.planner.range;

import io.tiergate.planner.range.BoundValue.Known;
import io.tiergate.planner.range.BoundValue.Missing;
import io.tiergate.planner.range.BoundValue.Text;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimestampString;

/**
 * Works out the value of the constant side of a time comparison: literals, dynamic parameters,
 * {@code CURRENT_TIMESTAMP} and friends, casts, interval arithmetic and FLOOR/CEIL, computed the
 * way Calcite's generated code computes them (RexImpTable, RexToLixTranslator), since a bound
 * that differed by a millisecond from the executed one could drop a row.
 *
 * <p>Anything else, or any value engines would compute differently, is {@link Missing#UNKNOWN}.
 * One evaluator serves one extraction and remembers whether it was asked for a value known only
 * at execution.
 */
final class TimeBoundEvaluator {
  /**
   * The operators understood here; each returns NULL when an operand is NULL. The CHECKED_ ones
   * are what Calcite's statement preparation (ConvertToChecked) makes of interval arithmetic: they
   * fail on overflow where the others wrap, and overflow is "unknown" here anyway.
   */
  private static final Set<SqlKind> STRICT = EnumSet.of(SqlKind.CAST, SqlKind.PLUS,
      SqlKind.MINUS, SqlKind.TIMES, SqlKind.MINUS_PREFIX, SqlKind.FLOOR, SqlKind.CEIL,
      SqlKind.CHECKED_PLUS, SqlKind.CHECKED_MINUS, SqlKind.CHECKED_TIMES,
      SqlKind.CHECKED_MINUS_PREFIX);

  private final EvaluationContext context;
  private boolean usedRuntimeValues;

  TimeBoundEvaluator(EvaluationContext context) {
    this.context = context;
  }

  /** Whether some bound needed a parameter or the statement clock, bound or not. */
  boolean usedRuntimeValues() {
    return usedRuntimeValues;
  }

  BoundValue evaluate(RexNode node) {
    ValueDomain domain = ValueDomain.of(node.getType()).orElse(null);
    if (domain == null) {
      return Missing.UNKNOWN;
    }
    BoundValue value;
    try {
      value = node instanceof RexLiteral literal ? literal(literal, domain)
          : node instanceof RexDynamicParam param ? parameter(param, domain)
          : node instanceof RexCall call ? call(call, domain)
          : Missing.UNKNOWN;
    } catch (ArithmeticException | TimeStep.OutOfRange e) {
      return Missing.UNKNOWN;
    }
    if (value instanceof Known known && domain.isDatetime()
        && Math.abs(known.value()) > TimeStep.SANE_MILLIS) {
      return Missing.UNKNOWN;
    }
    return value;
  }

  private static BoundValue literal(RexLiteral literal, ValueDomain domain) {
    if (literal.isNull()) {
      return Missing.NULL;
    }
    // The raw value, whatever the literal's type: getValueAs(X) asserts on unexpected pairs.
    Object value = literal.getValueAs(Comparable.class);
    return switch (domain) {
      case TIMESTAMP -> value instanceof TimestampString t
          ? new Known(t.getMillisSinceEpoch()) : Missing.UNKNOWN;
      case DATE -> value instanceof DateString d
          ? new Known(d.getMillisSinceEpoch()) : Missing.UNKNOWN;
      case TEXT -> value instanceof NlsString text ? new Text(text.getValue()) : Missing.UNKNOWN;
      default -> value instanceof BigDecimal number ? integral(number) : Missing.UNKNOWN;
    };
  }

  private BoundValue parameter(RexDynamicParam param, ValueDomain domain) {
    usedRuntimeValues = true;
    if (!context.hasParameter(param.getIndex())) {
      return Missing.UNKNOWN;
    }
    Object value = context.parameter(param.getIndex());
    if (value == null) {
      return Missing.NULL;
    }
    return switch (domain) {
      case TIMESTAMP -> value instanceof Number n ? integral(n)
          : value instanceof LocalDateTime t ? wallClock(t)
          : value instanceof java.sql.Timestamp t ? wallClock(t.toLocalDateTime())
          : value instanceof Instant t ? new Known(t.toEpochMilli())
          : value instanceof TimestampString t ? new Known(t.getMillisSinceEpoch())
          : Missing.UNKNOWN;
      case DATE -> value instanceof Number n ? times(integral(n), TimeStep.MILLIS_PER_DAY)
          : value instanceof LocalDate d ? day(d)
          : value instanceof java.sql.Date d ? day(d.toLocalDate())
          : value instanceof DateString d ? new Known(d.getMillisSinceEpoch())
          : Missing.UNKNOWN;
      case TEXT -> value instanceof String s ? new Text(s) : Missing.UNKNOWN;
      default -> value instanceof Number n ? integral(n) : Missing.UNKNOWN;
    };
  }

  private static BoundValue wallClock(LocalDateTime time) {
    return new Known(time.toInstant(ZoneOffset.UTC).toEpochMilli());
  }

  private static BoundValue day(LocalDate date) {
    return new Known(Math.multiplyExact(date.toEpochDay(), TimeStep.MILLIS_PER_DAY));
  }

  private BoundValue call(RexCall call, ValueDomain domain) {
    SqlOperator op = call.getOperator();
    if (op == SqlStdOperatorTable.CURRENT_TIMESTAMP || op == SqlStdOperatorTable.CURRENT_DATE) {
      usedRuntimeValues = true;
      return clock(context.currentTimestamp(), domain);
    }
    if (op == SqlStdOperatorTable.LOCALTIMESTAMP) {
      usedRuntimeValues = true;
      return clock(context.localTimestamp(), domain);
    }
    if (!STRICT.contains(call.getKind())) {
      return Missing.UNKNOWN;
    }
    List<BoundValue> operands = new ArrayList<>();
    for (RexNode operand : call.getOperands()) {
      operands.add(evaluate(operand));
    }
    if (operands.contains(Missing.NULL)) {
      return Missing.NULL;
    }
    return switch (call.getKind()) {
      case CAST -> operands.size() != 1 || operands.get(0) == Missing.UNKNOWN ? Missing.UNKNOWN
          : cast(operands.get(0), call.getOperands().get(0).getType(), call.getType());
      case PLUS, CHECKED_PLUS -> arithmetic(call, operands, domain, +1);
      case MINUS, CHECKED_MINUS -> arithmetic(call, operands, domain, -1);
      case TIMES, CHECKED_TIMES -> operands.get(0) instanceof Known a
          && operands.get(1) instanceof Known b
          ? new Known(Math.multiplyExact(a.value(), b.value())) : Missing.UNKNOWN;
      case MINUS_PREFIX, CHECKED_MINUS_PREFIX -> operands.get(0) instanceof Known a
          ? new Known(Math.negateExact(a.value())) : Missing.UNKNOWN;
      default -> truncation(call, operands.get(0), domain);
    };
  }

  /** {@code CURRENT_DATE} is the day of {@code CURRENT_TIMESTAMP}, as SqlFunctions computes it. */
  private static BoundValue clock(OptionalLong millis, ValueDomain domain) {
    if (millis.isEmpty()) {
      return Missing.UNKNOWN;
    }
    long value = millis.getAsLong();
    return switch (domain) {
      case TIMESTAMP -> new Known(value);
      case DATE -> new Known(Math.floorDiv(value, TimeStep.MILLIS_PER_DAY)
          * TimeStep.MILLIS_PER_DAY);
      default -> Missing.UNKNOWN;
    };
  }

  private static BoundValue cast(BoundValue value, RelDataType from, RelDataType to) {
    SqlTypeName source = from.getSqlTypeName();
    SqlTypeName target = to.getSqlTypeName();
    if (source == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE
        || target == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
      return source == target ? value : Missing.UNKNOWN;
    }
    ValueDomain sourceDomain = ValueDomain.of(from).orElseThrow();
    ValueDomain targetDomain = ValueDomain.of(to).orElseThrow();
    if (value instanceof Text text && targetDomain.isDatetime()) {
      value = parse(text.value(), targetDomain);
      sourceDomain = targetDomain;
    }
    if (!(value instanceof Known known)) {
      return sourceDomain == targetDomain ? value : Missing.UNKNOWN;
    }
    if (sourceDomain == ValueDomain.TIMESTAMP && targetDomain == ValueDomain.DATE) {
      return applied(TimeStep.toDate(), known.value());
    }
    if (sourceDomain.isDatetime() && targetDomain == ValueDomain.TIMESTAMP) {
      return to.getPrecision() >= 3 ? known
          : applied(TimeStep.toPrecision(to.getPrecision()), known.value());
    }
    if (targetDomain == ValueDomain.NUMBER) {
      return sourceDomain == ValueDomain.NUMBER && fits(known.value(), to) ? known
          : Missing.UNKNOWN;
    }
    return sourceDomain == targetDomain ? known : Missing.UNKNOWN;
  }

  /** Character to datetime, with the parser Calcite's generated code calls. */
  private static BoundValue parse(String text, ValueDomain domain) {
    try {
      return domain == ValueDomain.DATE
          ? new Known(DateTimeUtils.dateStringToUnixDate(text) * TimeStep.MILLIS_PER_DAY)
          : new Known(DateTimeUtils.timestampStringToUnixDate(text));
    } catch (RuntimeException e) {
      // The query fails on this value when it runs, so no answer here can drop a row.
      return Missing.UNKNOWN;
    }
  }

  /**
   * {@code datetime +/- interval} (DATETIME_PLUS, MINUS_DATE) as RexImpTable's
   * DatetimeArithmeticImplementor does it: a day-time interval added to a DATE moves it by whole
   * days, rounded toward zero; year-month intervals go through Avatica's addMonths, which clamps
   * to the end of the month. Also {@code +} and {@code -} of two intervals or numbers.
   */
  private static BoundValue arithmetic(RexCall call, List<BoundValue> operands,
      ValueDomain domain, int sign) {
    if (operands.size() != 2 || !(operands.get(0) instanceof Known a)
        || !(operands.get(1) instanceof Known b)) {
      return Missing.UNKNOWN;
    }
    ValueDomain first = ValueDomain.of(call.getOperands().get(0).getType()).orElseThrow();
    ValueDomain second = ValueDomain.of(call.getOperands().get(1).getType()).orElseThrow();
    if (!domain.isDatetime()) {
      return first == domain && second == domain && !first.isDatetime()
          ? new Known(Math.addExact(a.value(), Math.multiplyExact(sign, b.value())))
          : Missing.UNKNOWN;
    }
    long datetime;
    long interval;
    ValueDomain intervalDomain;
    if (first.isDatetime()) {
      datetime = a.value();
      interval = b.value();
      intervalDomain = second;
    } else if (sign > 0 && second.isDatetime()) {
      datetime = b.value();
      interval = a.value();
      intervalDomain = first;
    } else {
      return Missing.UNKNOWN;
    }
    interval = Math.multiplyExact(sign, interval);
    return switch (intervalDomain) {
      case DAY_TIME_INTERVAL -> new Known(Math.addExact(datetime, domain == ValueDomain.DATE
          ? interval / TimeStep.MILLIS_PER_DAY * TimeStep.MILLIS_PER_DAY : interval));
      case YEAR_MONTH_INTERVAL -> new Known(
          DateTimeUtils.addMonths(sane(datetime), Math.toIntExact(interval)));
      default -> Missing.UNKNOWN;
    };
  }

  private static BoundValue truncation(RexCall call, BoundValue operand, ValueDomain domain) {
    TimeStep step = TimeTerm.truncationStep(call);
    return step != null && operand instanceof Known known && domain.isDatetime()
        ? applied(step, known.value()) : Missing.UNKNOWN;
  }

  private static BoundValue applied(TimeStep step, long value) {
    OptionalLong result = step.apply(value);
    return result.isPresent() ? new Known(result.getAsLong()) : Missing.UNKNOWN;
  }

  private static BoundValue times(BoundValue value, long factor) {
    return value instanceof Known known ? new Known(Math.multiplyExact(known.value(), factor))
        : value;
  }

  private static BoundValue integral(Object number) {
    try {
      BigDecimal decimal = number instanceof BigDecimal d ? d : new BigDecimal(number.toString());
      return new Known(decimal.longValueExact());
    } catch (ArithmeticException | NumberFormatException e) {
      return Missing.UNKNOWN;
    }
  }

  /** Whether a cast to the exact numeric {@code type} keeps {@code value} unchanged. */
  private static boolean fits(long value, RelDataType type) {
    return switch (type.getSqlTypeName()) {
      case TINYINT -> value == (byte) value;
      case SMALLINT -> value == (short) value;
      case INTEGER -> value == (int) value;
      case BIGINT -> true;
      default -> type.getScale() == 0
          && Math.abs(value) < BigDecimal.TEN.pow(Math.min(type.getPrecision(), 18)).longValue();
    };
  }

  private static long sane(long millis) {
    if (Math.abs(millis) > TimeStep.SANE_MILLIS) {
      throw new TimeStep.OutOfRange();
    }
    return millis;
  }
}
