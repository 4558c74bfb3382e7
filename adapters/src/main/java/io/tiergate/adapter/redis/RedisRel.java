package io.tiergate.adapter.redis;

import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;

/**
 * A relational operator that Redis runs: the {@link #CONVENTION} of a scan of a
 * {@link RedisSortedSetTable} and of the LIMIT that {@link RedisRules} push onto it.
 */
public interface RedisRel extends RelNode {
  Convention CONVENTION = new Convention.Impl("REDIS", RedisRel.class);

  /** The table the scan at the bottom reads. */
  RedisSortedSetTable table();

  /** What this node and those below it ask of the table. */
  RedisSortedSetQuery query();
}
