package io.tiergate.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tiergate.adapter.dynamodb.DynamoDbCacheOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole of {@code tiergate.yaml}, parsed once into typed records. Keys are kebab-case;
 * unknown keys are errors (a typo must not silently fall back to a default).
 */
public record TiergateConfig(
    ServerConfig server,
    StoresConfig stores,
    LinkedHashMap<String, TableConfig> tables) {

  public TiergateConfig {
    server = server == null ? new ServerConfig(null, null) : server;
    stores = stores == null ? new StoresConfig(null, null, null, null, null) : stores;
    tables = tables == null ? new LinkedHashMap<>() : tables;
  }

  public record ServerConfig(String host, Integer port) {
    public ServerConfig {
      host = host == null ? "0.0.0.0" : host;
      port = port == null ? 8765 : port;
    }
  }

  public record StoresConfig(DynamoDbConfig dynamodb, RedisConfig redis, S3Config s3,
      JdbcStoreConfig redshift, JdbcStoreConfig athena) {
  }

  /**
   * DynamoDB; {@code endpoint} only for a local stand-in. Credentials: default chain unless set.
   * {@code consistent-read}: strongly consistent hot reads (default false; the day index then
   * goes unused). {@code retry-mode}: {@code standard} (default) or {@code adaptive}.
   * {@code max-day-buckets}: the most days a time range across tenants may touch to be read
   * through the day index (default 7). {@code scan-segments}: segments of a parallel Scan
   * (default 4). {@code cache}: the read-through cache of point lookups in Redis (see
   * {@link CacheConfig}).
   */
  public record DynamoDbConfig(String endpoint, String region,
      @JsonProperty("access-key") String accessKey, @JsonProperty("secret-key") String secretKey,
      @JsonProperty("control-table") String controlTable,
      @JsonProperty("consistent-read") Boolean consistentRead,
      @JsonProperty("retry-mode") String retryMode,
      @JsonProperty("max-day-buckets") Integer maxDayBuckets,
      @JsonProperty("scan-segments") Integer scanSegments,
      CacheConfig cache) {
    public DynamoDbConfig {
      cache = cache == null ? new CacheConfig(false, null, null, null, null) : cache;
      region = region == null ? "us-east-1" : region;
      controlTable = controlTable == null ? "tiergate_control" : controlTable;
      consistentRead = consistentRead != null && consistentRead;
      retryMode = retryMode == null ? "standard" : retryMode;
      if (!retryMode.equals("standard") && !retryMode.equals("adaptive")) {
        throw new IllegalArgumentException("stores.dynamodb.retry-mode must be 'standard' or"
            + " 'adaptive', not '" + retryMode + "'");
      }
      maxDayBuckets = maxDayBuckets == null ? 7 : maxDayBuckets;
      if (maxDayBuckets < 0) {
        throw new IllegalArgumentException("stores.dynamodb.max-day-buckets cannot be "
            + maxDayBuckets);
      }
      scanSegments = scanSegments == null ? 4 : scanSegments;
      if (scanSegments < 1) {
        throw new IllegalArgumentException("stores.dynamodb.scan-segments must be at least 1,"
            + " not " + scanSegments);
      }
    }
  }

  /**
   * The read-through cache of hot point lookups (GetItem, BatchGetItem) in {@code stores.redis},
   * invalidated from the hot tables' DynamoDB Streams. {@code enabled} (default false);
   * {@code ttl} (default 5m); {@code max-staleness}: the promised bound after which a change made
   * by anyone is no longer served from the cache (default 2s); {@code poll-interval} of the
   * streams (default 200ms, at most a quarter of max-staleness); {@code redis-timeout} before a
   * lookup bypasses Redis (default 250ms). Durations: 250ms, 2s, 5m, 1h.
   */
  public record CacheConfig(Boolean enabled, String ttl,
      @JsonProperty("max-staleness") String maxStaleness,
      @JsonProperty("poll-interval") String pollInterval,
      @JsonProperty("redis-timeout") String redisTimeout) {
    public CacheConfig {
      enabled = enabled != null && enabled;
      ttl = ttl == null ? "5m" : ttl;
      maxStaleness = maxStaleness == null ? "2s" : maxStaleness;
      pollInterval = pollInterval == null ? "200ms" : pollInterval;
      redisTimeout = redisTimeout == null ? "250ms" : redisTimeout;
      options(ttl, maxStaleness, pollInterval, redisTimeout); // every value checked at load
    }

    public DynamoDbCacheOptions options() {
      return options(ttl, maxStaleness, pollInterval, redisTimeout);
    }

    private static DynamoDbCacheOptions options(String ttl, String maxStaleness,
        String pollInterval, String redisTimeout) {
      String key = "stores.dynamodb.cache.";
      Duration ttlValue = ConfigDuration.parse(key + "ttl", ttl);
      Duration staleness = ConfigDuration.parse(key + "max-staleness", maxStaleness);
      Duration poll = ConfigDuration.parse(key + "poll-interval", pollInterval);
      Duration timeout = ConfigDuration.parse(key + "redis-timeout", redisTimeout);
      try {
        return new DynamoDbCacheOptions(ttlValue, staleness, poll, timeout);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("stores.dynamodb." + e.getMessage(), e);
      }
    }
  }

  /**
   * Redis: a standalone server at {@code host}:{@code port}, or with {@code cluster: true} a
   * Redis Cluster discovered from {@code nodes} ({@code host:port} each; any of its nodes will
   * do, more than one so a node being down does not stop the gateway from starting).
   */
  public record RedisConfig(String host, Integer port, Boolean cluster,
      java.util.List<String> nodes) {
    public RedisConfig {
      host = host == null ? "127.0.0.1" : host;
      port = port == null ? 6379 : port;
      cluster = cluster != null && cluster;
      // Copied by hand: List.copyOf would reject a null element before it can be reported.
      nodes = nodes == null ? java.util.List.of()
          : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(nodes));
    }
  }

  /**
   * @param restore how archived objects are restored: {@code s3} (RestoreObject; production) or
   *     {@code emulated} (the local stack, whose S3Proxy has no RestoreObject)
   * @param restoreDays how long a restored copy stays readable
   */
  public record S3Config(String endpoint, String region,
      @JsonProperty("access-key") String accessKey, @JsonProperty("secret-key") String secretKey,
      @JsonProperty("path-style") Boolean pathStyle, String restore,
      @JsonProperty("restore-days") Integer restoreDays) {
    public S3Config {
      region = region == null ? "us-east-1" : region;
      pathStyle = pathStyle != null && pathStyle;
      restore = restore == null ? "s3" : restore;
      if (!restore.equals("s3") && !restore.equals("emulated")) {
        throw new IllegalArgumentException("stores.s3.restore: '" + restore
            + "' is not one of s3, emulated");
      }
      restoreDays = restoreDays == null ? 7 : restoreDays;
      if (restoreDays < 1) {
        throw new IllegalArgumentException("stores.s3.restore-days: must be at least 1, got "
            + restoreDays);
      }
    }
  }

  /**
   * A store reached over JDBC: Redshift (production: the Redshift driver; locally PostgreSQL)
   * or Athena's engine (locally Trino). {@code query-group}: Redshift's WLM query group, set on
   * every connection (default {@code tiergate}); not sent to PostgreSQL, which has no such
   * parameter.
   */
  public record JdbcStoreConfig(String url, String user, String password, String driver,
      @JsonProperty("query-group") String queryGroup) {
  }

  /** A table of the one schema: tiered (time-column, hot/warm/cold) or single-store (store). */
  public record TableConfig(
      @JsonProperty("time-column") String timeColumn,
      java.util.List<String> key,
      LinkedHashMap<String, String> columns,
      TierConfig hot,
      TierConfig warm,
      TierConfig cold,
      Map<String, String> lifecycle,
      String store,
      String shape,
      @JsonProperty("key-prefix") String keyPrefix,
      @JsonProperty("ttl-column") String ttlColumn,
      @JsonProperty("scan-allowed") Boolean scanAllowed) {

    public boolean isTiered() {
      return timeColumn != null;
    }
  }

  /** Where one tier of a tiered table lives. */
  public record TierConfig(String store, String table, String s3,
      @JsonProperty("partition-key") String partitionKey,
      @JsonProperty("sort-key") String sortKey,
      String partition) {
  }
}
