package io.tiergate.adapter.redis;

import io.tiergate.planner.range.EvaluationContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Sarg;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The keys a scan's filters fix: from {@code key = 'a'}, {@code key = ?}, {@code key IN ('a',
 * 'b')} (which Calcite turns into an OR of equalities or a SEARCH of points). Filters are only
 * read, never consumed: Calcite still applies each one, so reading more keys than the filters
 * select is harmless, fewer never happens.
 */
final class RedisKeyPredicate {
  private RedisKeyPredicate() {
  }

  /**
   * The key column's values the filters allow, in order of appearance, or empty when no filter
   * limits the key column to a list of values (then only a SCAN could find the rows).
   */
  static Optional<Set<String>> keys(List<RexNode> filters, int keyColumn,
      EvaluationContext context) {
    Set<String> keys = null;
    for (RexNode filter : filters) {
      for (RexNode conjunct : RelOptUtil.conjunctions(filter)) {
        Set<String> values = values(conjunct, keyColumn, context);
        if (values != null) {
          if (keys == null) {
            keys = values;
          } else {
            keys.retainAll(values); // key = 'a' AND key IN ('a', 'b')
          }
        }
      }
    }
    return Optional.ofNullable(keys);
  }

  /**
   * Whether {@code conjunct} is a key condition {@link #keys} reads exactly: the keys it selects
   * are the ones read, no more. (A bind parameter, unknown at plan time, does not count.)
   */
  static boolean selectsKeysExactly(RexNode conjunct, int keyColumn) {
    return values(conjunct, keyColumn, EvaluationContext.PLAN_TIME) != null;
  }

  private static @Nullable Set<String> values(RexNode condition, int keyColumn,
      EvaluationContext context) {
    switch (condition.getKind()) {
      case EQUALS -> {
        String value = equalityValue((RexCall) condition, keyColumn, context);
        return value == null ? null : new LinkedHashSet<>(List.of(value));
      }
      case OR -> {
        Set<String> all = new LinkedHashSet<>();
        for (RexNode disjunct : RelOptUtil.disjunctions(condition)) {
          Set<String> values = values(disjunct, keyColumn, context);
          if (values == null) {
            return null; // one branch not on the key: any key may match
          }
          all.addAll(values);
        }
        return all;
      }
      case SEARCH -> {
        return searchPoints((RexCall) condition, keyColumn);
      }
      default -> {
        return null;
      }
    }
  }

  /** {@code SEARCH($0, Sarg['a', 'b'])}: an IN list of literals, if every range is a point. */
  private static @Nullable Set<String> searchPoints(RexCall search, int keyColumn) {
    if (!(search.getOperands().get(0) instanceof RexInputRef ref) || ref.getIndex() != keyColumn
        || !(search.getOperands().get(1) instanceof RexLiteral literal)) {
      return null;
    }
    Sarg<?> sarg = literal.getValueAs(Sarg.class);
    if (sarg == null || !sarg.isPoints()) {
      return null;
    }
    Set<String> values = new LinkedHashSet<>();
    for (var range : sarg.rangeSet.asRanges()) {
      Object point = range.lowerEndpoint();
      if (point instanceof NlsString s) {
        values.add(s.getValue());
      } else {
        return null;
      }
    }
    return values;
  }

  private static @Nullable String equalityValue(RexCall equals, int keyColumn,
      EvaluationContext context) {
    RexNode left = equals.getOperands().get(0);
    RexNode right = equals.getOperands().get(1);
    if (right instanceof RexInputRef && !(left instanceof RexInputRef)) {
      RexNode swap = left;
      left = right;
      right = swap;
    }
    // The column bare: a cast of it (CAST(key AS INTEGER) = 5) matches keys other than '5'.
    if (!(left instanceof RexInputRef ref) || ref.getIndex() != keyColumn) {
      return null;
    }
    if (right instanceof RexLiteral literal
        && SqlTypeFamily.CHARACTER.contains(literal.getType())) {
      return literal.getValueAs(String.class);
    }
    right = RexUtil.removeCast(right);
    if (right instanceof RexDynamicParam param && context.hasParameter(param.getIndex())
        && context.parameter(param.getIndex()) instanceof String value) {
      return value;
    }
    return null;
  }
}
