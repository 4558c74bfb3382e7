package io.tiergate.adapter;

import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * OFFSET and FETCH that a store with its own API (DynamoDB, Redis) applies while reading,
 * unordered or in ascending time order, the order the store yields by itself.
 */
public abstract class PushedLimit extends SingleRel {
  protected final int offset;
  protected final int fetch;
  protected final boolean timeOrdered;

  protected PushedLimit(RelOptCluster cluster, RelTraitSet traits, RelNode input, int offset,
      int fetch, boolean timeOrdered) {
    super(cluster, traits, input);
    this.offset = offset;
    this.fetch = fetch;
    this.timeOrdered = timeOrdered;
  }

  @Override public double estimateRowCount(RelMetadataQuery mq) {
    return Math.min(fetch, mq.getRowCount(getInput()));
  }

  /** Next to nothing: it only makes the store stop early. */
  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return planner.getCostFactory().makeTinyCost();
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .itemIf("offset", offset, offset > 0)
        .item("fetch", fetch)
        .itemIf("order", "time", timeOrdered);
  }
}
