package io.tiergate.adapter.redis;

import java.util.List;
import org.apache.calcite.rex.RexNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What the {@link RedisRel} nodes of one scan ask of a sorted-set table: the filters that fix
 * its keys and score ranges (read, never consumed: the gateway still applies every filter),
 * and which rows of what those ranges hold.
 *
 * @param filters conditions over the table's columns
 * @param fetch at most this many rows after skipping {@code offset}, or null for all
 */
public record RedisSortedSetQuery(List<RexNode> filters, int offset, @Nullable Integer fetch) {
  public RedisSortedSetQuery {
    filters = List.copyOf(filters);
  }

  RedisSortedSetQuery limited(int offset, int fetch) {
    return new RedisSortedSetQuery(filters, offset, fetch);
  }
}
