package io.tiergate.adapter.redis;

import io.tiergate.planner.catalog.ColumnSpec;
import io.tiergate.planner.range.EvaluationContext;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ProjectableFilterableTable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A Redis table read through Calcite's filterable scan: the planner hands it the filters and
 * the projection, and it reads the keys they fix. Calcite's interpreter runs such a scan and
 * compiles the filters again at every execution, which a point lookup can afford; the sorted
 * sets, read by range many times a second, plan into {@link RedisRel} nodes instead.
 */
abstract class FilterableRedisTable extends RedisTable implements ProjectableFilterableTable {
  FilterableRedisTable(String name, RedisConnector redis, String keyPrefix,
      List<ColumnSpec> columns, boolean scanAllowed) {
    super(name, redis, keyPrefix, columns, scanAllowed);
  }

  @Override public Enumerable<@Nullable Object[]> scan(DataContext root, List<RexNode> filters,
      int @Nullable [] projects) {
    int[] projection = projectionOrAll(projects);
    EvaluationContext context = EvaluationContext.fromDataContext(root,
        EvaluationContext.parameterCount(filters));
    return Linq4j.asEnumerable(read(filters, projection, context,
        () -> reader(filters, projection, context)));
  }
}
