package io.tiergate.planner.rules;

import io.tiergate.planner.manifest.Tier;
import io.tiergate.planner.manifest.TimeSlice;
import io.tiergate.planner.range.EvaluationContext;
import io.tiergate.planner.range.TimeRangeExtractor;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rex.RexNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a generated plan calls to decide, as a statement starts, whether one tier's branch can
 * hold any row of the query's time range, with bind parameters and the statement's
 * CURRENT_TIMESTAMP known.
 */
public final class TierBranchGuard {
  private final Tier tier;
  private final TimeSlice slice;
  private final RexNode timeCondition;
  private final @Nullable List<Object> emptyRow;
  private final boolean scalar;
  private final int parameterCount;

  TierBranchGuard(Tier tier, TimeSlice slice, RexNode timeCondition,
      @Nullable List<Object> emptyRow, boolean scalar) {
    this.tier = tier;
    this.slice = slice;
    this.timeCondition = timeCondition;
    this.emptyRow = emptyRow;
    this.scalar = scalar;
    this.parameterCount = EvaluationContext.parameterCount(List.of(timeCondition));
  }

  /** Whether rows with a time satisfying {@code condition} ({@code $0}) may lie in {@code slice}. */
  static boolean mayMeet(RexNode condition, TimeSlice slice, @Nullable EvaluationContext context) {
    return TimeRangeExtractor.extract(condition, 0,
        context == null ? EvaluationContext.PLAN_TIME : context).overlaps(slice);
  }

  public boolean allows(DataContext root) {
    return mayMeet(timeCondition, slice, EvaluationContext.fromDataContext(root, parameterCount));
  }

  public Enumerable<Object> pruned() {
    if (emptyRow == null) {
      return Linq4j.emptyEnumerable();
    }
    return Linq4j.singletonEnumerable(scalar ? emptyRow.get(0) : emptyRow.toArray());
  }

  @Override public String toString() {
    return "TierBranchGuard(" + tier.lowerName() + " " + slice + ")";
  }
}
