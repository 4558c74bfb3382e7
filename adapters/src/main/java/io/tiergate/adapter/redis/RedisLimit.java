package io.tiergate.adapter.redis;

import io.tiergate.adapter.PushedLimit;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;

/**
 * OFFSET and FETCH of a sorted-set scan, sent as ZRANGEBYSCORE's LIMIT: unordered, or in
 * ascending time order when one key is read (a sorted set returns its range in score order).
 * {@link RedisRules} put it only over a scan whose ranges hold exactly the rows its filters
 * select, so no row it cuts would have passed them.
 */
public final class RedisLimit extends PushedLimit implements RedisRel {
  RedisLimit(RelOptCluster cluster, RelTraitSet traits, RelNode input, int offset, int fetch,
      boolean timeOrdered) {
    super(cluster, traits, input, offset, fetch, timeOrdered);
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new RedisLimit(getCluster(), traitSet, sole(inputs), offset, fetch, timeOrdered);
  }

  @Override public RedisSortedSetTable table() {
    return ((RedisRel) getInput()).table();
  }

  @Override public RedisSortedSetQuery query() {
    return ((RedisRel) getInput()).query().limited(offset, fetch);
  }
}
