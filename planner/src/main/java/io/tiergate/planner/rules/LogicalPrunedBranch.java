package io.tiergate.planner.rules;

import io.tiergate.planner.manifest.Tier;
import io.tiergate.planner.manifest.TimeSlice;
import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;

/** The pruned branch before physical planning. */
public final class LogicalPrunedBranch extends PrunedBranch {
  LogicalPrunedBranch(RelOptCluster cluster, RelTraitSet traits, RelDataType rowType, Tier tier,
      TimeSlice slice) {
    super(cluster, traits, rowType, tier, slice);
  }

  /** In place of the branch that {@code guard} tops. */
  static LogicalPrunedBranch of(TierGuard guard) {
    RelOptCluster cluster = guard.getCluster();
    return new LogicalPrunedBranch(cluster, cluster.traitSetOf(Convention.NONE),
        guard.getRowType(), guard.tier(), guard.slice());
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new LogicalPrunedBranch(getCluster(), traitSet, getRowType(), tier(), slice());
  }
}
