package io.tiergate.adapter.dynamodb;

import com.google.common.collect.BoundType;
import com.google.common.collect.Range;
import io.tiergate.planner.catalog.ColumnSpec;
import io.tiergate.planner.range.EvaluationContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.Sarg;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A DynamoDB FilterExpression for the filters it can express, to cut what a Query or Scan
 * sends back. Calcite still applies every filter, so the expression must keep every item a
 * filter keeps, and may keep more: a filter it cannot express is left out of the conjunction.
 *
 * <p>SQL has three truth values and DynamoDB two, and NOT swaps them. So each condition is
 * translated twice: {@code T}, true at least wherever SQL is TRUE, and {@code F}, true at least
 * wherever SQL is FALSE; then {@code T(NOT e) = F(e)}, {@code T(a AND b) = T(a) AND T(b)},
 * {@code F(a AND b) = F(a) OR F(b)}, and dually for OR. A missing side means "keep all".
 *
 * <p>A comparison is exact where the attribute has the type the codec writes. A VARCHAR column
 * also reads N, B, M and L attributes as text, which a DynamoDB comparison with an S value
 * would not match; so its comparisons keep items whose attribute is not S. A string range
 * compares UTF-8 bytes in DynamoDB and UTF-16 units in Calcite: the two orders agree against a
 * bound made of characters below U+D800 only, so only such bounds are used. Time and date
 * columns are left to the key condition. Names and values are always placeholders.
 */
final class DynamoDbFilterExpression {
  /** DynamoDB allows at most 100 operands in one IN. */
  private static final int MAX_IN = 100;

  /** The expression and the placeholders it adds (column names use the {@code #c<i>} form). */
  record Expression(String text, Map<String, String> names, Map<String, AttributeValue> values) {
  }

  private final DynamoDbTableLayout layout;
  private final EvaluationContext context;
  private final Set<Integer> excluded;
  private final Map<String, String> names = new LinkedHashMap<>();
  private final Map<String, AttributeValue> values = new LinkedHashMap<>();

  private DynamoDbFilterExpression(DynamoDbTableLayout layout, EvaluationContext context,
      Set<Integer> excluded) {
    this.layout = layout;
    this.context = context;
    this.excluded = excluded;
  }

  /**
   * @param excluded columns the expression must not name (key attributes of a Query)
   * @param extra conditions already in DynamoDB syntax with their placeholders, AND-ed first
   */
  static Optional<Expression> of(List<RexNode> filters, DynamoDbTableLayout layout,
      EvaluationContext context, Set<Integer> excluded, Optional<Expression> extra) {
    DynamoDbFilterExpression translator = new DynamoDbFilterExpression(layout, context,
        excluded);
    List<String> parts = new ArrayList<>();
    extra.ifPresent(e -> {
      parts.add(e.text());
      translator.names.putAll(e.names());
      translator.values.putAll(e.values());
    });
    for (RexNode filter : filters) {
      for (RexNode conjunct : org.apache.calcite.plan.RelOptUtil.conjunctions(filter)) {
        translator.truth(conjunct).ifPresent(parts::add);
      }
    }
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    String text = String.join(" AND ", parts);
    // A branch left out (an OR with an inexpressible side) may have named placeholders
    // already; DynamoDB rejects a request with unused ones, so keep only those the text uses.
    return Optional.of(new Expression(text, used(translator.names, text),
        used(translator.values, text)));
  }

  private static <V> Map<String, V> used(Map<String, V> placeholders, String text) {
    Map<String, V> used = new LinkedHashMap<>();
    placeholders.forEach((k, v) -> {
      if (java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(k) + "(?![A-Za-z0-9_])")
          .matcher(text).find()) {
        used.put(k, v);
      }
    });
    return used;
  }

  /** T: true wherever SQL is TRUE; empty means keep everything. */
  private Optional<String> truth(RexNode node) {
    return switch (node.getKind()) {
      case AND -> and(((RexCall) node).getOperands().stream().map(this::truth).toList());
      case OR -> or(((RexCall) node).getOperands().stream().map(this::truth).toList());
      case NOT -> falsity(((RexCall) node).getOperands().get(0));
      default -> atom(node, true);
    };
  }

  /** F: true wherever SQL is FALSE; empty means keep everything. */
  private Optional<String> falsity(RexNode node) {
    return switch (node.getKind()) {
      case AND -> or(((RexCall) node).getOperands().stream().map(this::falsity).toList());
      case OR -> and(((RexCall) node).getOperands().stream().map(this::falsity).toList());
      case NOT -> truth(((RexCall) node).getOperands().get(0));
      default -> atom(node, false);
    };
  }

  /** A conjunction of the parts there are: leaving one out only keeps more. */
  private static Optional<String> and(List<Optional<String>> parts) {
    List<String> present = parts.stream().flatMap(Optional::stream).toList();
    return present.isEmpty() ? Optional.empty()
        : Optional.of(present.size() == 1 ? present.get(0)
            : present.stream().collect(Collectors.joining(" AND ", "(", ")")));
  }

  /** A disjunction needs every part: leaving one out would keep less. */
  private static Optional<String> or(List<Optional<String>> parts) {
    if (parts.isEmpty() || parts.stream().anyMatch(Optional::isEmpty)) {
      return Optional.empty();
    }
    return Optional.of(parts.size() == 1 ? parts.get(0).get()
        : parts.stream().map(Optional::get).collect(Collectors.joining(" OR ", "(", ")")));
  }

  private Optional<String> atom(RexNode node, boolean wantTrue) {
    if (!(node instanceof RexCall call)) {
      return Optional.empty();
    }
    return switch (node.getKind()) {
      case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN,
          GREATER_THAN_OR_EQUAL -> comparison(call, wantTrue);
      case IS_NULL -> column(call.getOperands().get(0)).map(c -> wantTrue ? isNull(c)
          : isNotNull(c));
      case IS_NOT_NULL -> column(call.getOperands().get(0)).map(c -> wantTrue ? isNotNull(c)
          : isNull(c));
      case SEARCH -> search(call, wantTrue);
      default -> Optional.empty();
    };
  }

  private Optional<String> comparison(RexCall call, boolean wantTrue) {
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    SqlKind kind = call.getKind();
    if (right instanceof RexInputRef && !(left instanceof RexInputRef)) {
      RexNode swap = left;
      left = right;
      right = swap;
      kind = kind.reverse();
    }
    Optional<Integer> column = column(left);
    if (column.isEmpty()) {
      return Optional.empty();
    }
    ColumnSpec spec = layout.columns().get(column.get());
    Optional<AttributeValue> value = DynamoDbValues.of(right, spec, context);
    if (value.isEmpty() || (kind != SqlKind.EQUALS && kind != SqlKind.NOT_EQUALS
        && !orderable(spec, value.get()))) {
      return Optional.empty();
    }
    String operator = switch (kind) {
      case EQUALS -> "=";
      case NOT_EQUALS -> "<>";
      case LESS_THAN -> "<";
      case LESS_THAN_OR_EQUAL -> "<=";
      case GREATER_THAN -> ">";
      default -> ">=";
    };
    String exact = name(column.get()) + " " + operator + " " + value(value.get());
    return Optional.of(guarded(column.get(), exact, wantTrue));
  }

  /** {@code SEARCH(column, Sarg)}: IN for points, BETWEEN or comparisons for ranges. */
  private Optional<String> search(RexCall call, boolean wantTrue) {
    Optional<Integer> column = column(call.getOperands().get(0));
    if (column.isEmpty() || !(call.getOperands().get(1) instanceof RexLiteral literal)
        || !(literal.getValueAs(Sarg.class) instanceof Sarg<?> sarg)) {
      return Optional.empty();
    }
    ColumnSpec spec = layout.columns().get(column.get());
    String name = name(column.get());
    List<String> ranges = new ArrayList<>();
    List<String> points = new ArrayList<>();
    for (Range<?> range : sarg.rangeSet.asRanges()) {
      boolean point = range.hasLowerBound() && range.hasUpperBound()
          && range.lowerBoundType() == BoundType.CLOSED
          && range.upperBoundType() == BoundType.CLOSED
          && range.lowerEndpoint().equals(range.upperEndpoint());
      Optional<AttributeValue> lower = range.hasLowerBound()
          ? DynamoDbValues.ofSargPoint(range.lowerEndpoint(), spec) : Optional.empty();
      Optional<AttributeValue> upper = range.hasUpperBound()
          ? DynamoDbValues.ofSargPoint(range.upperEndpoint(), spec) : Optional.empty();
      if (range.hasLowerBound() && lower.isEmpty() || range.hasUpperBound() && upper.isEmpty()) {
        return Optional.empty();
      }
      if (point) {
        points.add(value(lower.get()));
        continue;
      }
      if (lower.isPresent() && !orderable(spec, lower.get())
          || upper.isPresent() && !orderable(spec, upper.get())) {
        return Optional.empty();
      }
      if (lower.isPresent() && upper.isPresent() && range.lowerBoundType() == BoundType.CLOSED
          && range.upperBoundType() == BoundType.CLOSED) {
        ranges.add(name + " BETWEEN " + value(lower.get()) + " AND " + value(upper.get()));
        continue;
      }
      List<String> bounds = new ArrayList<>();
      lower.ifPresent(b -> bounds.add(name + (range.lowerBoundType() == BoundType.CLOSED
          ? " >= " : " > ") + value(b)));
      upper.ifPresent(b -> bounds.add(name + (range.upperBoundType() == BoundType.CLOSED
          ? " <= " : " < ") + value(b)));
      if (bounds.isEmpty()) {
        ranges.add(isNotNull(column.get())); // (-inf, +inf): any non-null value
        continue;
      }
      ranges.add(bounds.size() == 1 ? bounds.get(0) : "(" + String.join(" AND ", bounds) + ")");
    }
    for (int i = 0; i < points.size(); i += MAX_IN) {
      List<String> chunk = points.subList(i, Math.min(points.size(), i + MAX_IN));
      ranges.add(chunk.size() == 1 ? name + " = " + chunk.get(0)
          : name + " IN (" + String.join(", ", chunk) + ")");
    }
    if (ranges.isEmpty()) {
      return Optional.empty();
    }
    String exact = ranges.size() == 1 ? ranges.get(0) : "(" + String.join(" OR ", ranges) + ")";
    String guarded = guarded(column.get(), exact, wantTrue);
    // The Sarg says what a NULL gives; a TRUE NULL must be kept by T. F keeps NULLs anyway:
    // NOT of a comparison with a missing or NULL attribute is true.
    return Optional.of(wantTrue && sarg.nullAs == RexUnknownAs.TRUE
        ? "(" + guarded + " OR " + isNull(column.get()) + ")" : guarded);
  }

  /**
   * T of an exact comparison is the comparison, F its negation; a VARCHAR column's attribute
   * of another type reads as text the comparison did not see, so such items are kept both ways.
   */
  private String guarded(int column, String exact, boolean wantTrue) {
    String condition = wantTrue ? exact : "NOT (" + exact + ")";
    if (layout.columns().get(column).type() != org.apache.calcite.sql.type.SqlTypeName.VARCHAR) {
      return condition;
    }
    return "(" + condition + " OR NOT attribute_type(" + name(column) + ", "
        + value(AttributeValue.fromS("S")) + "))";
  }

  private String isNull(int column) {
    return "(attribute_not_exists(" + name(column) + ") OR attribute_type(" + name(column) + ", "
        + value(AttributeValue.fromS("NULL")) + "))";
  }

  private String isNotNull(int column) {
    return "(attribute_exists(" + name(column) + ") AND NOT attribute_type(" + name(column)
        + ", " + value(AttributeValue.fromS("NULL")) + "))";
  }

  /**
   * Whether DynamoDB orders this value as SQL does against the column: numbers always, strings
   * made of characters below U+D800 only (see the class comment), booleans never.
   */
  private static boolean orderable(ColumnSpec column, AttributeValue value) {
    if (value.n() != null) {
      return true;
    }
    return value.s() != null && value.s().chars().allMatch(c -> c < 0xD800);
  }

  private Optional<Integer> column(RexNode node) {
    if (!(node instanceof RexInputRef ref) || excluded.contains(ref.getIndex())) {
      return Optional.empty();
    }
    return switch (layout.columns().get(ref.getIndex()).type()) {
      case VARCHAR, BIGINT, INTEGER, DOUBLE, BOOLEAN -> Optional.of(ref.getIndex());
      default -> Optional.empty();
    };
  }

  private String name(int column) {
    String placeholder = "#c" + column;
    names.put(placeholder, layout.columns().get(column).name());
    return placeholder;
  }

  /** A placeholder per distinct value, so a value used twice is sent once. */
  private String value(AttributeValue value) {
    for (Map.Entry<String, AttributeValue> e : values.entrySet()) {
      if (e.getValue().equals(value) && e.getKey().startsWith(":f")) {
        return e.getKey();
      }
    }
    String placeholder = ":f" + values.size();
    values.put(placeholder, value);
    return placeholder;
  }
}
