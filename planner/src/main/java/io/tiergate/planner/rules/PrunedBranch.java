package io.tiergate.planner.rules;

import io.tiergate.planner.manifest.Tier;
import io.tiergate.planner.manifest.TimeSlice;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

/**
 * What a union keeps of a tier's branch that a literal time range rules out, where it needs an
 * input in the branch's place (a union has two inputs at least): no row, and no store.
 *
 * <p>Not an empty VALUES, on purpose: Volcano holds one empty VALUES per row type, so every set
 * given one merges with every other set holding it (see {@link
 * TierGuardRules.PruneRuledOutBranches}). This rel is equal only to a branch pruned alike.
 */
public abstract class PrunedBranch extends AbstractRelNode {
  private final Tier tier;
  private final TimeSlice slice;

  protected PrunedBranch(RelOptCluster cluster, RelTraitSet traits, RelDataType rowType,
      Tier tier, TimeSlice slice) {
    super(cluster, traits);
    this.rowType = rowType;
    this.tier = tier;
    this.slice = slice;
  }

  public Tier tier() {
    return tier;
  }

  public TimeSlice slice() {
    return slice;
  }

  @Override public double estimateRowCount(RelMetadataQuery mq) {
    return 0;
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("tier", tier.lowerName()).item("slice", slice);
  }
}
