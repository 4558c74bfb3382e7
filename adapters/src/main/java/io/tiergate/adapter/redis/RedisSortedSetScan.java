package io.tiergate.adapter.redis;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;

/**
 * A scan of a sorted-set table, the bottom of every {@link RedisRel} tree, with the filters
 * whose keys and score ranges it reads. The filters stay above it as well (it reads a superset
 * of their rows), so it always returns full rows: ZRANGEBYSCORE sends every column anyway.
 */
public final class RedisSortedSetScan extends TableScan implements RedisRel {
  private final RedisSortedSetTable table;
  final List<RexNode> filters;

  RedisSortedSetScan(RelOptCluster cluster, RelOptTable relOptTable, RedisSortedSetTable table,
      List<RexNode> filters) {
    super(cluster, cluster.traitSetOf(CONVENTION), List.of(), relOptTable);
    this.table = table;
    this.filters = List.copyOf(filters);
  }

  RedisSortedSetScan withFilters(List<RexNode> filters) {
    return new RedisSortedSetScan(getCluster(), getTable(), table, filters);
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return this; // no inputs, one convention: nothing to copy
  }

  @Override public void register(RelOptPlanner planner) {
    RedisRules.register(planner);
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).itemIf("filters", filters, !filters.isEmpty());
  }

  /** Keys and score ranges read instead of every key: far cheaper than a scan without them. */
  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return super.computeSelfCost(planner, mq).multiplyBy(filters.isEmpty() ? 1 : 0.1);
  }

  @Override public RedisSortedSetTable table() {
    return table;
  }

  @Override public RedisSortedSetQuery query() {
    return new RedisSortedSetQuery(filters, 0, null);
  }
}
