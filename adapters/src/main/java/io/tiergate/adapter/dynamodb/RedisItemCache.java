package io.tiergate.adapter.dynamodb;

import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.tiergate.adapter.redis.RedisConnector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis side of the hot-item cache, shared by the hot tables: entries, tombstones, a
 * circuit breaker and the epoch that names the key space.
 *
 * <p>A key holds {@value #ITEM}+JSON (an item), {@value #ABSENT} (no such item) or
 * {@value #TOMBSTONE}+random (invalidated). An invalidation writes a fresh tombstone instead of
 * deleting, and a reader fills a key only if it still holds exactly what the reader saw before
 * it read DynamoDB (compare-and-set in a script). So a reader that read an old value and comes
 * back after the invalidation finds another tombstone and writes nothing: the race that would
 * leave a stale entry until its TTL is closed, not shortened.
 *
 * <p>Any failure or timeout opens the circuit for {@link #OPEN_FOR}: lookups bypass Redis
 * without waiting, invalidations are not sent. Opening also moves to a new epoch (a random key
 * prefix), because invalidations that could not be delivered leave entries of the old epoch
 * possibly stale; nothing reads them again and their TTL removes them.
 */
public final class RedisItemCache {
  static final String ITEM = "I";
  static final String ABSENT = "A";
  static final String TOMBSTONE = "T";
  static final Duration OPEN_FOR = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(RedisItemCache.class);
  /** Fill the key if it holds what the reader saw (ARGV[1], '' for nothing). */
  private static final String FILL_IF_UNCHANGED = """
      local v = redis.call('GET', KEYS[1])
      if (v == false and ARGV[1] == '') or v == ARGV[1] then
        redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
        return 1
      end
      return 0""";

  private final RedisClusterAsyncCommands<String, String> redis;
  private final DynamoDbCacheOptions options;
  private volatile String epoch = newEpoch();
  private volatile long openUntil = System.nanoTime();

  public RedisItemCache(RedisConnector connector, DynamoDbCacheOptions options) {
    this.redis = connector.commands();
    this.options = options;
  }

  DynamoDbCacheOptions options() {
    return options;
  }

  /** The Redis key of one item of {@code table}, in the current epoch. */
  String key(String table, String itemKey) {
    return "tiergate:hot:" + epoch + ":" + table + ":" + itemKey;
  }

  /** False while the circuit is open: do not even try. */
  boolean available() {
    return System.nanoTime() - openUntil >= 0;
  }

  /** The values of {@code keys} (null where none), or empty when Redis failed. */
  Optional<List<String>> get(List<String> keys) {
    try {
      List<KeyValue<String, String>> values = redis.mget(keys.toArray(String[]::new))
          .get(options.redisTimeout().toMillis(), TimeUnit.MILLISECONDS);
      List<String> found = new ArrayList<>(values.size());
      values.forEach(kv -> found.add(kv.hasValue() ? kv.getValue() : null));
      return Optional.of(found);
    } catch (Exception e) {
      trip("reading " + keys.size() + " cached items", e);
      return Optional.empty();
    }
  }

  /**
   * Fills each key with its value unless it changed since {@code seen} was read at
   * {@code seenAtNanos}. A reader slower than half the tombstone's life fills nothing: its
   * tombstone could have expired, and an empty key would then look unchanged.
   *
   * <p>Sent without waiting for the answers: the compare-and-set makes a fill right whenever it
   * lands, and a lookup that missed should cost a GetItem, not a GetItem and a Redis round
   * trip. Commands on the connection run in the order sent, so a later lookup of the key sees
   * the fill. A failure still trips the circuit, when it is known.
   *
   * @return done when Redis has answered every fill (or when nothing was sent)
   */
  CompletableFuture<Void> fill(List<String> keys, List<String> seen, List<String> values,
      long seenAtNanos) {
    if (System.nanoTime() - seenAtNanos > options.ttl().toNanos() / 2 || !available()) {
      return CompletableFuture.completedFuture(null);
    }
    String ttl = Long.toString(options.ttl().toMillis());
    List<CompletableFuture<Long>> fills = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      String before = seen.get(i) == null ? "" : seen.get(i);
      fills.add(redis.<Long>eval(FILL_IF_UNCHANGED, ScriptOutputType.INTEGER,
          new String[] {keys.get(i)}, before, values.get(i), ttl).toCompletableFuture());
    }
    String what = "filling " + keys.size() + " cached items";
    return CompletableFuture.allOf(fills.toArray(CompletableFuture[]::new))
        .orTimeout(options.redisTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((done, failure) -> {
          Throwable cause = failure instanceof CompletionException c && c.getCause() != null
              ? c.getCause() : failure;
          if (cause != null) {
            trip(what, cause instanceof Exception e ? e : new RuntimeException(cause));
          }
        }).exceptionally(failure -> null);
  }

  /** Writes a fresh tombstone over each item's key, so no reader fills it from an old read. */
  void invalidate(String table, Collection<String> itemKeys) {
    if (itemKeys.isEmpty() || !available()) {
      return; // open: the epoch moved on when it opened, nothing of it is cached yet
    }
    SetArgs life = SetArgs.Builder.px(options.ttl().toMillis());
    List<CompletableFuture<String>> sets = new ArrayList<>();
    for (String itemKey : itemKeys) {
      sets.add(redis.set(key(table, itemKey), TOMBSTONE + UUID.randomUUID(), life)
          .toCompletableFuture());
    }
    await(sets, "invalidating " + itemKeys.size() + " cached items of " + table);
  }

  /** Starts an empty key space: entries cached before may have missed invalidations. */
  void newEpoch(String why) {
    epoch = newEpoch();
    LOG.info("Hot-item cache: new epoch {} ({})", epoch, why);
  }

  private void await(List<? extends CompletableFuture<?>> commands, String what) {
    try {
      CompletableFuture.allOf(commands.toArray(CompletableFuture[]::new))
          .get(options.redisTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      trip(what, e);
    }
  }

  private void trip(String what, Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    // The epoch moves before the circuit reopens, so no entry of the old one is served again.
    openUntil = System.nanoTime() + OPEN_FOR.toNanos();
    newEpoch("Redis failed " + what);
    LOG.warn("Hot-item cache bypassed for {}: Redis failed {}: {}", OPEN_FOR, what,
        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
  }

  private static String newEpoch() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
