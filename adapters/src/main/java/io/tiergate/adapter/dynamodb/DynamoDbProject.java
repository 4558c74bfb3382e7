package io.tiergate.adapter.dynamodb;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;

/**
 * The columns a DynamoDB scan returns (its ProjectionExpression names them and the filters'
 * columns): field references only, expressions stay in the gateway.
 */
public final class DynamoDbProject extends Project implements DynamoDbRel {
  DynamoDbProject(RelOptCluster cluster, RelTraitSet traits, RelNode input,
      List<? extends RexNode> projects, RelDataType rowType) {
    super(cluster, traits, List.of(), input, projects, rowType, java.util.Set.of());
    assert projects.stream().allMatch(RexInputRef.class::isInstance) : projects;
  }

  @Override public Project copy(RelTraitSet traitSet, RelNode input, List<RexNode> projects,
      RelDataType rowType) {
    return new DynamoDbProject(getCluster(), traitSet, input, projects, rowType);
  }

  /** Cheaper than projecting in the gateway: DynamoDB sends back fewer attributes. */
  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return super.computeSelfCost(planner, mq).multiplyBy(0.1);
  }

  @Override public void implement(Implementor implementor) {
    implementor.visitChild(getInput());
    int[] fields = getProjects().stream().mapToInt(p -> ((RexInputRef) p).getIndex()).toArray();
    int[] below = implementor.projection;
    int[] columns = new int[fields.length];
    for (int i = 0; i < fields.length; i++) {
      columns[i] = below == null ? fields[i] : below[fields[i]];
    }
    implementor.projection = columns;
  }
}
