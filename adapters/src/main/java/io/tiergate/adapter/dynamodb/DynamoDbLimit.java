package io.tiergate.adapter.dynamodb;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * OFFSET and FETCH of a DynamoDB scan, unordered or in ascending time order (which a Query of
 * one partition yields by itself): Query and Scan pages carry {@code Limit}, and the reader
 * stops paging once it has returned {@code fetch} rows that passed every filter.
 */
public final class DynamoDbLimit extends SingleRel implements DynamoDbRel {
  final int offset;
  final int fetch;
  final boolean timeOrdered;

  DynamoDbLimit(RelOptCluster cluster, RelTraitSet traits, RelNode input, int offset, int fetch,
      boolean timeOrdered) {
    super(cluster, traits, input);
    this.offset = offset;
    this.fetch = fetch;
    this.timeOrdered = timeOrdered;
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DynamoDbLimit(getCluster(), traitSet, sole(inputs), offset, fetch, timeOrdered);
  }

  @Override public double estimateRowCount(RelMetadataQuery mq) {
    return Math.min(fetch, mq.getRowCount(getInput()));
  }

  /** Next to nothing: it only makes DynamoDB and the reader stop early. */
  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return planner.getCostFactory().makeTinyCost();
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .itemIf("offset", offset, offset > 0)
        .item("fetch", fetch)
        .itemIf("order", "time", timeOrdered);
  }

  @Override public void implement(Implementor implementor) {
    implementor.visitChild(getInput());
    implementor.offset = offset;
    implementor.fetch = fetch;
    implementor.timeOrdered = timeOrdered;
  }
}
