package io.tiergate.adapter.dynamodb;

import java.time.Duration;

/**
 * How the read-through cache of hot point lookups behaves.
 *
 * @param ttl how long Redis keeps a cached item (or a cached absence); also how long an
 *     invalidation's tombstone lives
 * @param maxStaleness the promised bound: a change committed to DynamoDB (by anyone) is not
 *     served from the cache once this long has passed. Half of it is the Streams consumer's
 *     freshness window (the cache is served only while a complete poll of every shard started
 *     within it), the other half is allowed for a change to appear in the stream
 * @param pollInterval the pause between two polls of the table's stream
 * @param redisTimeout how long a cache command may take before the lookup bypasses Redis and
 *     the circuit opens
 */
public record DynamoDbCacheOptions(Duration ttl, Duration maxStaleness, Duration pollInterval,
    Duration redisTimeout) {
  public static final DynamoDbCacheOptions DEFAULTS = new DynamoDbCacheOptions(
      Duration.ofMinutes(5), Duration.ofSeconds(2), Duration.ofMillis(200),
      Duration.ofMillis(250));

  public DynamoDbCacheOptions {
    require(ttl.compareTo(Duration.ofSeconds(1)) >= 0, "ttl", ttl, "at least 1s");
    require(maxStaleness.compareTo(Duration.ofMillis(100)) >= 0, "max-staleness", maxStaleness,
        "at least 100ms");
    // A poll must fit in the freshness window (half the bound) with room for the reads.
    require(!pollInterval.isNegative()
        && pollInterval.multipliedBy(4).compareTo(maxStaleness) <= 0, "poll-interval",
        pollInterval, "at most a quarter of max-staleness (" + maxStaleness + ")");
    require(redisTimeout.toMillis() >= 1, "redis-timeout", redisTimeout, "at least 1ms");
  }

  /** The age a completed poll may have for the cache to be served. */
  Duration freshnessWindow() {
    return maxStaleness.dividedBy(2);
  }

  private static void require(boolean valid, String key, Duration value, String rule) {
    if (!valid) {
      // Read as stores.dynamodb.cache.<key> in the gateway's configuration.
      throw new IllegalArgumentException("cache." + key + " must be " + rule + ", not "
          + value);
    }
  }
}
