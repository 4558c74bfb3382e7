package io.tiergate.adapter.dynamodb;

import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;

/**
 * A filter the DynamoDB scan takes over whole: its key conditions choose the access path, what
 * DynamoDB can express becomes a FilterExpression, and the reader applies all of it to each row
 * (so a LIMIT above it counts only rows that pass).
 */
public final class DynamoDbFilter extends Filter implements DynamoDbRel {
  DynamoDbFilter(RelOptCluster cluster, RelTraitSet traits, RelNode input, RexNode condition) {
    super(cluster, traits, input, condition);
  }

  @Override public Filter copy(RelTraitSet traitSet, RelNode input, RexNode condition) {
    return new DynamoDbFilter(getCluster(), traitSet, input, condition);
  }

  /** Cheaper than filtering in the gateway: DynamoDB sends back fewer items. */
  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return super.computeSelfCost(planner, mq).multiplyBy(0.1);
  }

  @Override public void implement(Implementor implementor) {
    implementor.visitChild(getInput());
    int[] columns = implementor.projection;
    // Over a projection, its fields become the table columns they are.
    RexNode overTable = columns == null ? condition : condition.accept(new RexShuttle() {
      @Override public RexNode visitInputRef(RexInputRef ref) {
        return new RexInputRef(columns[ref.getIndex()], ref.getType());
      }
    });
    implementor.filters.addAll(RelOptUtil.conjunctions(overTable));
  }
}
