package io.tiergate.adapter.redis;

import io.tiergate.planner.catalog.ColumnSpec;
import io.tiergate.planner.catalog.NativeRequestTable;
import io.tiergate.planner.range.EvaluationContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.impl.AbstractTable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Keys under a prefix as rows; the first column is the key without its prefix. A scan reads the
 * keys the filters fix ({@code key = ...}, {@code key IN (...)}), one request per key (a
 * command or a few), sent {@value #BATCH} at a time without waiting for answers in between
 * (pipelined; in a cluster each goes to its slot's primary). Without such a filter only a SCAN
 * of the prefix could find the rows, which runs only if the table's configuration allows it.
 */
abstract class RedisTable extends AbstractTable implements NativeRequestTable {
  static final int BATCH = 256;

  final String name;
  final RedisConnector redis;
  final String keyPrefix;
  final List<ColumnSpec> columns;
  final boolean scanAllowed;

  RedisTable(String name, RedisConnector redis, String keyPrefix, List<ColumnSpec> columns,
      boolean scanAllowed) {
    this.name = name;
    this.redis = redis;
    this.keyPrefix = keyPrefix;
    this.columns = List.copyOf(columns);
    this.scanAllowed = scanAllowed;
  }

  /** How one scan reads a key: built once per scan from its filters and projection. */
  interface KeyReader {
    /** The rows at {@code key} (full width, unread columns null); empty if there is no key. */
    CompletableFuture<List<Object[]>> read(String key, String id);

    /** The commands {@link #read} sends for {@code key}, for EXPLAIN. */
    String describe(String key);
  }

  /** @return null when the filters select no row at all (no request then) */
  abstract @Nullable KeyReader reader(List<RexNode> filters, int[] projection,
      EvaluationContext context);

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return ColumnSpec.rowType(columns, typeFactory);
  }

  /**
   * The rows {@code readers} reads, projected, at the keys the filters fix, or at every key
   * under the prefix when they fix none and the table allows a SCAN.
   */
  final List<Object[]> read(List<RexNode> filters, int[] projection, EvaluationContext context,
      Supplier<@Nullable KeyReader> readers) {
    Optional<Set<String>> ids = RedisKeyPredicate.keys(filters, 0, context);
    if (ids.isEmpty() && !scanAllowed) {
      throw new RedisScanForbiddenException(name, keyPrefix);
    }
    KeyReader reader = readers.get();
    if (reader == null) {
      return List.of();
    }
    List<String> keys = ids.isPresent()
        ? ids.get().stream().map(id -> keyPrefix + id).toList()
        : RedisKeys.withPrefix(redis, keyPrefix);
    List<Object[]> rows = new ArrayList<>();
    for (int from = 0; from < keys.size(); from += BATCH) {
      List<String> batch = keys.subList(from, Math.min(keys.size(), from + BATCH));
      // The node each key goes to, as the client sees it when sending: an error names that one,
      // even if the topology has changed by the time the error is reported.
      List<String> nodes = batch.stream().map(redis::nodeOf).toList();
      List<CompletableFuture<List<Object[]>>> answers = batch.stream()
          .map(key -> reader.read(key, key.substring(keyPrefix.length()))).toList();
      for (int i = 0; i < batch.size(); i++) {
        for (Object[] row : await(batch.get(i), nodes.get(i), answers.get(i))) {
          rows.add(project(row, projection));
        }
      }
    }
    return rows;
  }

  @Override public String nativeRequest(List<RexNode> filters, int @Nullable [] projects) {
    int[] projection = projectionOrAll(projects);
    return describe(filters, () -> reader(filters, projection, EvaluationContext.PLAN_TIME));
  }

  /** The commands {@link #read} would send, as far as they are known before execution. */
  final String describe(List<RexNode> filters, Supplier<@Nullable KeyReader> readers) {
    Optional<Set<String>> ids = RedisKeyPredicate.keys(filters, 0, EvaluationContext.PLAN_TIME);
    if (ids.isEmpty() && !scanAllowed) {
      return "none: table '" + name + "' would need a SCAN of '" + keyPrefix
          + "*', which its configuration does not allow";
    }
    KeyReader reader = readers.get();
    if (reader == null) {
      return "none: the filters select no row";
    }
    if (ids.isEmpty()) {
      return "SCAN 0 MATCH " + RedisKeys.pattern(keyPrefix) + " COUNT 1000, then per key: "
          + reader.describe(keyPrefix + "<key>");
    }
    return String.join("; ", ids.get().stream().map(id -> reader.describe(keyPrefix + id))
        .toList());
  }

  final int[] projectionOrAll(int @Nullable [] projects) {
    return projects != null ? projects : IntStream.range(0, columns.size()).toArray();
  }

  private List<Object[]> await(String key, String node,
      CompletableFuture<List<Object[]>> answer) {
    try {
      // Lettuce times each command out itself; this only guards against a lost completion.
      return answer.get(2 * RedisConnector.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null
          ? c.getCause() : e.getCause();
      throw redis.readFailed(key, node, cause);
    } catch (TimeoutException e) {
      throw redis.readFailed(key, node, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw redis.readFailed(key, node, e);
    }
  }

  private static Object[] project(Object[] row, int[] projection) {
    Object[] projected = new Object[projection.length];
    for (int i = 0; i < projection.length; i++) {
      projected[i] = row[projection[i]];
    }
    return projected;
  }

  static boolean projects(int[] projection, int column) {
    for (int p : projection) {
      if (p == column) {
        return true;
      }
    }
    return false;
  }
}
