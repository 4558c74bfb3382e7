package io.tiergate.adapter.redis;

import io.tiergate.planner.catalog.ColumnSpec;
import io.tiergate.planner.range.EvaluationContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.calcite.rex.RexNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Redis strings under a key prefix as rows (key without prefix, value), plus the TTL column if
 * the table has one. A key is read with GET, and PTTL when the TTL column is projected.
 */
public final class RedisStringTable extends FilterableRedisTable {
  private final RedisTtlColumn ttl;
  private final int valueColumn;

  /** @param ttlColumn the column that shows each key's time to live, or null */
  public RedisStringTable(String name, RedisConnector redis, String keyPrefix,
      List<ColumnSpec> columns, boolean scanAllowed, @Nullable String ttlColumn) {
    super(name, redis, keyPrefix, columns, scanAllowed);
    this.ttl = RedisTtlColumn.of(name, columns, ttlColumn);
    int expected = ttl.exists() ? 3 : 2;
    if (columns.size() != expected) {
      throw new IllegalArgumentException("Table '" + name + "' of Redis strings has columns "
          + columns.stream().map(ColumnSpec::name).toList() + "; it needs the key, the value"
          + (ttl.exists() ? " and the ttl-column" : "") + ", nothing else");
    }
    this.valueColumn = ttl.index() == 1 ? 2 : 1;
  }

  @Override KeyReader reader(List<RexNode> filters, int[] projection, EvaluationContext context) {
    boolean readTtl = ttl.exists() && projects(projection, ttl.index());
    return new KeyReader() {
      @Override public CompletableFuture<List<Object[]>> read(String key, String id) {
        long now = System.currentTimeMillis();
        CompletableFuture<String> value = redis.async().get(key).toCompletableFuture();
        CompletableFuture<Long> pttl = readTtl ? redis.async().pttl(key).toCompletableFuture()
            : CompletableFuture.completedFuture(-1L);
        return value.thenCombine(pttl, (text, millis) -> {
          if (text == null || millis == RedisTtlColumn.NO_KEY) {
            return List.of();
          }
          Object[] row = new Object[columns.size()];
          row[0] = RedisValues.decode(columns.get(0), id);
          row[valueColumn] = RedisValues.decode(columns.get(valueColumn), text);
          if (readTtl) {
            row[ttl.index()] = ttl.value(millis, now);
          }
          return List.<Object[]>of(row);
        });
      }

      @Override public String describe(String key) {
        return "GET " + key + (readTtl ? ", PTTL " + key : "");
      }
    };
  }
}
