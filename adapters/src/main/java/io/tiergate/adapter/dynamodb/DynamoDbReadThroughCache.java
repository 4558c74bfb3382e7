package io.tiergate.adapter.dynamodb;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tiergate.adapter.dynamodb.DynamoDbKeyCondition.ItemKey;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Point lookups of one hot table (the GetItem and BatchGetItem paths) read through Redis:
 * cached items are served from Redis, the others read from DynamoDB and cached for the TTL.
 * The table's stream invalidates what anyone changes ({@link DynamoDbStreamInvalidator}),
 * Tiergate's own inserts invalidate at once.
 *
 * <p>Served from Redis only while Redis answers (else the lookup reads DynamoDB as without a
 * cache) and while the stream consumer is fresh: every shard read to its end by a poll that
 * started within half of {@code max-staleness}. That is what bounds staleness: a change that
 * reaches the stream within the other half is invalidated before it could be served stale.
 * Counts each key looked up as {@value #METER}{table, result=hit|miss|bypass}.
 */
public final class DynamoDbReadThroughCache implements AutoCloseable {
  public static final String METER = "tiergate.hot.cache.lookups";

  private final DynamoDbTableLayout layout;
  private final RedisItemCache redis;
  private final DynamoDbItemReader reader;
  private final DynamoDbStreamInvalidator invalidator;
  private final Counter hits;
  private final Counter misses;
  private final Counter bypasses;

  private DynamoDbReadThroughCache(DynamoDbTableLayout layout, RedisItemCache redis,
      DynamoDbItemReader reader, DynamoDbStreamInvalidator invalidator, MeterRegistry registry) {
    this.layout = layout;
    this.redis = redis;
    this.reader = reader;
    this.invalidator = invalidator;
    this.hits = counter(registry, "hit");
    this.misses = counter(registry, "miss");
    this.bypasses = counter(registry, "bypass");
  }

  /**
   * The cache of {@code layout}'s table, its stream consumer started at the stream's end.
   *
   * @throws IllegalStateException if the table has no stream to invalidate from
   */
  public static DynamoDbReadThroughCache start(DynamoDbClient dynamo,
      DynamoDbStreamsClient streams, RedisItemCache redis, DynamoDbTableLayout layout,
      MeterRegistry registry) {
    DynamoDbStreamInvalidator invalidator = DynamoDbStreamInvalidator.start(dynamo, streams,
        layout, redis);
    return new DynamoDbReadThroughCache(layout, redis, new DynamoDbItemReader(dynamo, layout),
        invalidator, registry);
  }

  private Counter counter(MeterRegistry registry, String result) {
    return Counter.builder(METER).description("Hot point lookups by key, by where they were"
        + " answered").tag("table", layout.tableName()).tag("result", result).register(registry);
  }

  /** What EXPLAIN puts before a point lookup's requests. */
  String describe() {
    return "read-through cache (Redis, ttl " + redis.options().ttl() + ", max staleness "
        + redis.options().maxStaleness() + "), on a miss ";
  }

  /**
   * The items of {@code keys} that exist, each whole; {@code uncached} when the cache cannot
   * be served now.
   */
  DynamoDbItemReader.Items read(List<ItemKey> keys,
      Supplier<DynamoDbItemReader.Items> uncached) {
    if (!redis.available() || !invalidator.isFresh()) {
      bypasses.increment(keys.size());
      return uncached.get();
    }
    List<Map<String, AttributeValue>> itemKeys = keys.stream()
        .map(k -> DynamoDbRequests.key(layout, k)).toList();
    List<String> redisKeys = itemKeys.stream()
        .map(k -> redis.key(layout.tableName(), itemKey(layout, k))).toList();
    long seenAt = System.nanoTime();
    Optional<List<String>> cached = redis.get(redisKeys);
    if (cached.isEmpty()) {
      bypasses.increment(keys.size());
      return uncached.get();
    }
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    List<Integer> missed = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      String value = cached.get().get(i);
      if (value == null || value.startsWith(RedisItemCache.TOMBSTONE)) {
        missed.add(i);
      } else if (value.startsWith(RedisItemCache.ITEM)) {
        items.add(DynamoDbItemJson.read(value.substring(1)));
      } // else cached as absent
    }
    hits.increment(keys.size() - missed.size());
    misses.increment(missed.size());
    if (!missed.isEmpty()) {
      items.addAll(readAndFill(missed, itemKeys, redisKeys, cached.get(), seenAt));
    }
    return DynamoDbItemReader.of(items);
  }

  private List<Map<String, AttributeValue>> readAndFill(List<Integer> missed,
      List<Map<String, AttributeValue>> itemKeys, List<String> redisKeys, List<String> seen,
      long seenAt) {
    List<Map<String, AttributeValue>> read = reader.wholeItems(missed.stream()
        .map(itemKeys::get).toList());
    Map<String, Map<String, AttributeValue>> byKey = new HashMap<>();
    read.forEach(item -> byKey.put(itemKey(layout, item), item));
    List<String> keys = new ArrayList<>();
    List<String> before = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (int i : missed) {
      Map<String, AttributeValue> item = byKey.get(itemKey(layout, itemKeys.get(i)));
      keys.add(redisKeys.get(i));
      before.add(seen.get(i));
      // An absence is cached too: the stream's INSERT record invalidates it like any change.
      values.add(item == null ? RedisItemCache.ABSENT
          : RedisItemCache.ITEM + DynamoDbItemJson.write(item));
    }
    redis.fill(keys, before, values, seenAt);
    return read;
  }

  /** After Tiergate itself wrote these items: no reader may be served what was there before. */
  void invalidate(List<Map<String, AttributeValue>> items) {
    redis.invalidate(layout.tableName(), items.stream().map(i -> itemKey(layout, i)).toList());
  }

  /**
   * An item's identity within its table: partition key and sort key, the partition key's
   * length first so no choice of values makes two keys run together. A numeric partition key
   * is normalised ({@code 1.0} and {@code 1} are one key to DynamoDB).
   */
  static String itemKey(DynamoDbTableLayout layout, Map<String, AttributeValue> item) {
    AttributeValue pk = item.get(layout.partitionKey());
    String partition = pk.s() != null ? pk.s()
        : new BigDecimal(pk.n()).stripTrailingZeros().toPlainString();
    return partition.length() + ":" + partition
        + item.get(DynamoDbTableLayout.SORT_KEY).s();
  }

  @Override public void close() {
    invalidator.close();
  }
}
