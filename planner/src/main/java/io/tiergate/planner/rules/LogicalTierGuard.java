package io.tiergate.planner.rules;

import io.tiergate.planner.manifest.Tier;
import io.tiergate.planner.manifest.TimeSlice;
import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/** The guard before physical planning. */
public final class LogicalTierGuard extends TierGuard {
  LogicalTierGuard(RelOptCluster cluster, RelTraitSet traits, RelNode input, String table,
      Tier tier, TimeSlice slice, int timeIndex, @Nullable RexNode timeCondition,
      @Nullable List<Object> emptyRow, @Nullable ArchiveCheck archive) {
    super(cluster, traits, input, table, tier, slice, timeIndex, timeCondition, emptyRow,
        archive);
  }

  public static LogicalTierGuard create(RelNode input, String table, Tier tier,
      TimeSlice slice, int timeIndex, @Nullable ArchiveCheck archive) {
    RelOptCluster cluster = input.getCluster();
    return new LogicalTierGuard(cluster, cluster.traitSetOf(Convention.NONE), input, table,
        tier, slice, timeIndex, null, null, archive);
  }

  @Override public TierGuard copy(RelNode input, int timeIndex,
      @Nullable RexNode timeCondition, @Nullable List<Object> emptyRow) {
    return new LogicalTierGuard(getCluster(), traitSet, input, table, tier, slice, timeIndex,
        timeCondition, emptyRow, archive);
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new LogicalTierGuard(getCluster(), traitSet, sole(inputs), table, tier, slice,
        timeIndex, timeCondition, emptyRow, archive);
  }
}
