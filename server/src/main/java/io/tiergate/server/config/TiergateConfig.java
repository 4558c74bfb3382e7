package io.tiergate.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tiergate.adapter.athena.AthenaSettings;
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
      JdbcStoreConfig redshift, AthenaConfig athena) {
  }

  /**
   * DynamoDB; {@code endpoint} only for a local stand-in. Credentials: default chain unless set.
   * {@code consistent-read}: strongly consistent hot reads (default false; the day index then
   * goes unused). {@code retry-mode}: {@code standard} (default) or {@code adaptive}.
   * {@code max-day-buckets}: the most days a time range across tenants may touch to be read
   * through the day index (default 7). {@code scan-segments}: segments of a parallel Scan
   * (default 4).
   */
  public record DynamoDbConfig(String endpoint, String region,
      @JsonProperty("access-key") String accessKey, @JsonProperty("secret-key") String secretKey,
      @JsonProperty("control-table") String controlTable,
      @JsonProperty("consistent-read") Boolean consistentRead,
      @JsonProperty("retry-mode") String retryMode,
      @JsonProperty("max-day-buckets") Integer maxDayBuckets,
      @JsonProperty("scan-segments") Integer scanSegments) {
    public DynamoDbConfig {
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

  /**
   * Athena. {@code mode}: {@code jdbc} (default; Athena's engine over JDBC at {@code url},
   * locally Trino) or {@code sdk} (the Athena API through AWS SDK v2: {@code workgroup}, default
   * {@code primary}; {@code output-location}, an {@code s3://} prefix, default the workgroup's;
   * {@code endpoint} only for a local stand-in; {@code region}; keys as for DynamoDB).
   * {@code result-reuse-minutes}: how old reused results may be (default 60, 0 = never reuse);
   * {@code query-timeout-seconds}: a query still running then is stopped (default 300).
   */
  public record AthenaConfig(String url, String user, String password, String driver,
      String mode, String workgroup, @JsonProperty("output-location") String outputLocation,
      String endpoint, String region,
      @JsonProperty("access-key") String accessKey, @JsonProperty("secret-key") String secretKey,
      @JsonProperty("result-reuse-minutes") Integer resultReuseMinutes,
      @JsonProperty("query-timeout-seconds") Integer queryTimeoutSeconds) {
    public AthenaConfig {
      mode = mode == null ? "jdbc" : mode;
      if (!mode.equals("jdbc") && !mode.equals("sdk")) {
        throw new IllegalArgumentException("stores.athena.mode must be 'jdbc' or 'sdk', not '"
            + mode + "'");
      }
      workgroup = workgroup == null ? "primary" : workgroup;
      region = region == null ? "us-east-1" : region;
      resultReuseMinutes = resultReuseMinutes == null ? 60 : resultReuseMinutes;
      queryTimeoutSeconds = queryTimeoutSeconds == null ? 300 : queryTimeoutSeconds;
      // Checks the values now, naming the key (fields are not assigned yet: pass the values).
      settings(workgroup, outputLocation, resultReuseMinutes, queryTimeoutSeconds, "hive",
          "default");
    }

    public boolean sdk() {
      return mode.equals("sdk");
    }

    /** The JDBC connection keys, for {@code mode: jdbc}. */
    public JdbcStoreConfig jdbc() {
      return new JdbcStoreConfig(url, user, password, driver, null);
    }

    /** How queries are submitted in {@code mode: sdk}, for tables in {@code catalog.database}. */
    public AthenaSettings settings(String catalog, String database) {
      return settings(workgroup, outputLocation, resultReuseMinutes, queryTimeoutSeconds,
          catalog, database);
    }

    private static AthenaSettings settings(String workgroup, String outputLocation,
        int resultReuseMinutes, int queryTimeoutSeconds, String catalog, String database) {
      try {
        return AthenaSettings.of(workgroup, outputLocation, catalog, database,
            Duration.ofMinutes(resultReuseMinutes), Duration.ofSeconds(queryTimeoutSeconds));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("stores.athena." + e.getMessage(), e);
      }
    }
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
