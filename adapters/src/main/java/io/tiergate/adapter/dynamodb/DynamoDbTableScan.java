package io.tiergate.adapter.dynamodb;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;

/** A scan of a DynamoDB table: the bottom of every {@link DynamoDbRel} tree. */
public final class DynamoDbTableScan extends TableScan implements DynamoDbRel {
  private final DynamoDbTable table;

  DynamoDbTableScan(RelOptCluster cluster, RelOptTable relOptTable, DynamoDbTable table) {
    super(cluster, cluster.traitSetOf(CONVENTION), List.of(), relOptTable);
    this.table = table;
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return this; // no inputs, one convention: nothing to copy
  }

  @Override public void register(RelOptPlanner planner) {
    DynamoDbRules.register(planner);
  }

  @Override public void implement(Implementor implementor) {
    implementor.table = table;
    implementor.relOptTable = getTable();
  }
}
