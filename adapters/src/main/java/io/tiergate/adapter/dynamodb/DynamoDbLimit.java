package io.tiergate.adapter.dynamodb;

import io.tiergate.adapter.PushedLimit;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;

/**
 * OFFSET and FETCH of a DynamoDB scan, unordered or in ascending time order (which a Query of
 * one partition yields by itself): Query and Scan pages carry {@code Limit}, and the reader
 * stops paging once it has returned {@code fetch} rows that passed every filter.
 */
public final class DynamoDbLimit extends PushedLimit implements DynamoDbRel {
  DynamoDbLimit(RelOptCluster cluster, RelTraitSet traits, RelNode input, int offset, int fetch,
      boolean timeOrdered) {
    super(cluster, traits, input, offset, fetch, timeOrdered);
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DynamoDbLimit(getCluster(), traitSet, sole(inputs), offset, fetch, timeOrdered);
  }

  @Override public void implement(Implementor implementor) {
    implementor.visitChild(getInput());
    implementor.offset = offset;
    implementor.fetch = fetch;
    implementor.timeOrdered = timeOrdered;
  }
}
