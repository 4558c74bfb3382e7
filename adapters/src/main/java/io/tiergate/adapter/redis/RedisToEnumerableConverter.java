package io.tiergate.adapter.redis;

import io.tiergate.planner.catalog.NativeRequestRel;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.convert.ConverterImpl;

/**
 * The boundary back to Calcite's engine: generates {@code table.query(root, query)}, the
 * {@link RedisSortedSetQuery} being what the Redis operators below ask for. Rows are full width
 * (the table's three columns), as the scan returns them.
 */
public final class RedisToEnumerableConverter extends ConverterImpl
    implements EnumerableRel, NativeRequestRel {
  RedisToEnumerableConverter(RelOptCluster cluster, RelTraitSet traits, RelNode input) {
    super(cluster, ConventionTraitDef.INSTANCE, traits, input);
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new RedisToEnumerableConverter(getCluster(), traitSet, sole(inputs));
  }

  /**
   * Shows the commands too: a Redis table is not tiered, so no tier guard above shows them.
   * (While a planner works on it, the input is a stand-in for alternatives: no commands yet.)
   */
  @Override public RelWriter explainTerms(RelWriter pw) {
    boolean planned = getInput() instanceof RedisRel;
    return super.explainTerms(pw).itemIf("request", planned ? nativeRequest() : "", planned);
  }

  @Override public String nativeRequest() {
    RedisRel redis = (RedisRel) getInput();
    return redis.table().nativeRequest(redis.query());
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    RedisRel redis = (RedisRel) getInput();
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        JavaRowFormat.ARRAY);
    BlockBuilder block = new BlockBuilder();
    block.add(Expressions.return_(null, Expressions.call(
        implementor.stash(redis.table(), RedisSortedSetTable.class), "query",
        implementor.getRootExpression(),
        implementor.stash(redis.query(), RedisSortedSetQuery.class))));
    return implementor.result(physType, block.toBlock());
  }
}
