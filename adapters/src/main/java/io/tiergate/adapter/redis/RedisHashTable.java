package io.tiergate.adapter.redis;

import io.lettuce.core.KeyValue;
import io.tiergate.planner.catalog.ColumnSpec;
import io.tiergate.planner.range.EvaluationContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.calcite.rex.RexNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Redis hashes under a key prefix as rows: the first column is the key without its prefix, the
 * others are hash fields of the same name, except the TTL column if the table has one. A key is
 * read with HGETALL when every field is projected, else HMGET of the projected fields (and
 * EXISTS when all of them are missing, to tell an empty row from no key), plus PTTL when the
 * TTL column is projected.
 */
public final class RedisHashTable extends FilterableRedisTable {
  private final RedisTtlColumn ttl;
  /** Column positions that are hash fields: all but the key and the TTL column. */
  private final List<Integer> fields;

  public RedisHashTable(String name, RedisConnector redis, String keyPrefix,
      List<ColumnSpec> columns, boolean scanAllowed) {
    this(name, redis, keyPrefix, columns, scanAllowed, null);
  }

  /** @param ttlColumn the column that shows each key's time to live, or null */
  public RedisHashTable(String name, RedisConnector redis, String keyPrefix,
      List<ColumnSpec> columns, boolean scanAllowed, @Nullable String ttlColumn) {
    super(name, redis, keyPrefix, columns, scanAllowed);
    this.ttl = RedisTtlColumn.of(name, columns, ttlColumn);
    List<Integer> f = new ArrayList<>();
    for (int i = 1; i < columns.size(); i++) {
      if (i != ttl.index()) {
        f.add(i);
      }
    }
    this.fields = List.copyOf(f);
  }

  @Override KeyReader reader(List<RexNode> filters, int[] projection, EvaluationContext context) {
    List<Integer> projectedFields = fields.stream().filter(i -> projects(projection, i)).toList();
    boolean allFields = projectedFields.size() == fields.size() && !fields.isEmpty();
    boolean readTtl = ttl.exists() && projects(projection, ttl.index());
    String[] fieldNames = projectedFields.stream().map(i -> columns.get(i).name())
        .toArray(String[]::new);
    return new KeyReader() {
      @Override public CompletableFuture<List<Object[]>> read(String key, String id) {
        long now = System.currentTimeMillis();
        // Every command of a key is sent before any answer is awaited.
        CompletableFuture<Object[]> row = allFields ? hgetall(key) : hmget(key, readTtl);
        CompletableFuture<Long> pttl = readTtl
            ? redis.async().pttl(key).toCompletableFuture() : null;
        CompletableFuture<Object[]> withTtl = pttl == null ? row
            : row.thenCombine(pttl, (r, millis) -> {
              if (millis == RedisTtlColumn.NO_KEY) {
                return null; // expired between the commands, or never there
              }
              if (r != null) {
                r[ttl.index()] = ttl.value(millis, now);
              }
              return r;
            });
        return withTtl.thenApply(r -> {
          if (r == null) {
            return List.of();
          }
          r[0] = RedisValues.decode(columns.get(0), id);
          return List.<Object[]>of(r);
        });
      }

      private CompletableFuture<Object[]> hgetall(String key) {
        return redis.async().hgetall(key).toCompletableFuture().thenApply(hash -> {
          if (hash.isEmpty()) {
            return null; // Redis has no empty hashes: no key
          }
          Object[] row = new Object[columns.size()];
          for (int i : fields) {
            row[i] = RedisValues.decode(columns.get(i), hash.get(columns.get(i).name()));
          }
          return row;
        });
      }

      /** @param pttlTellsExistence PTTL is read too, and answers -2 for a missing key */
      private CompletableFuture<Object[]> hmget(String key, boolean pttlTellsExistence) {
        CompletableFuture<Object[]> values = fieldNames.length == 0
            ? CompletableFuture.completedFuture(null) // only existence to find out
            : redis.async().hmget(key, fieldNames).toCompletableFuture().thenApply(answer -> {
              Object[] row = new Object[columns.size()];
              boolean any = false;
              for (int j = 0; j < answer.size(); j++) {
                KeyValue<String, String> value = answer.get(j);
                int column = projectedFields.get(j);
                if (value.hasValue()) {
                  any = true;
                  row[column] = RedisValues.decode(columns.get(column), value.getValue());
                }
              }
              return any ? row : null;
            });
        if (pttlTellsExistence) {
          return values.thenApply(row -> row != null ? row : new Object[columns.size()]);
        }
        return values.thenCompose(row -> row != null ? CompletableFuture.completedFuture(row)
            : redis.async().exists(key).toCompletableFuture()
                .thenApply(n -> n > 0 ? new Object[columns.size()] : null));
      }

      @Override public String describe(String key) {
        List<String> commands = new ArrayList<>();
        if (allFields) {
          commands.add("HGETALL " + key);
        } else if (fieldNames.length > 0) {
          commands.add("HMGET " + key + " " + String.join(" ", fieldNames));
        }
        if (readTtl) {
          commands.add("PTTL " + key);
        } else if (!allFields) {
          commands.add((fieldNames.length > 0 ? "EXISTS " + key + " if no field is set"
              : "EXISTS " + key));
        }
        return String.join(", ", commands);
      }
    };
  }
}
