package io.tiergate.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tiergate.adapter.AdmissionLimits;
import io.tiergate.adapter.dynamodb.DynamoDbCacheOptions;
import io.tiergate.adapter.athena.AthenaSettings;
import io.tiergate.planner.cost.QueryPrices;
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
    LinkedHashMap<String, TableConfig> tables,
    LifecycleConfig lifecycle,
    PricesConfig prices,
    AlertsConfig alerts) {

  public TiergateConfig(ServerConfig server, StoresConfig stores,
      LinkedHashMap<String, TableConfig> tables) {
    this(server, stores, tables, null, null, null);
  }

  public TiergateConfig(ServerConfig server, StoresConfig stores,
      LinkedHashMap<String, TableConfig> tables, LifecycleConfig lifecycle,
      PricesConfig prices) {
    this(server, stores, tables, lifecycle, prices, null);
  }

  /** The same configuration with another {@code server} section. */
  public TiergateConfig withServer(ServerConfig newServer) {
    return new TiergateConfig(newServer, stores, tables, lifecycle, prices, alerts);
  }

  /** The same configuration with another {@code alerts} section. */
  public TiergateConfig withAlerts(AlertsConfig newAlerts) {
    return new TiergateConfig(server, stores, tables, lifecycle, prices, newAlerts);
  }

  public TiergateConfig {
    alerts = alerts == null ? new AlertsConfig(null, null, null, null) : alerts;
    lifecycle = lifecycle == null ? new LifecycleConfig(null, null, null, null) : lifecycle;
    prices = prices == null ? new PricesConfig(null, null, null) : prices;
    server = server == null ? new ServerConfig(null, null, null, null) : server;
    stores = stores == null ? new StoresConfig(null, null, null, null, null, null) : stores;
    tables = tables == null ? new LinkedHashMap<>() : tables;
  }

  /**
   * How migrations run (each table's ages are in its own {@code lifecycle} section).
   * {@code interval}: run {@code migrate} and {@code expire} of every tiered table this often
   * (e.g. {@code 1h}; unset: only when called). {@code lease}: how long a runner holds a table
   * without renewing it; a crashed gateway's table is free again after it (default 2m).
   * {@code max-drain}: how long a job waits for queries still reading the manifest version
   * before its flip, before it stops to resume on the next run (default 5m).
   * {@code job-retention}: how long a finished job stays in {@code tiergate.jobs} and the
   * control table (default 30d; DynamoDB's TTL then deletes it).
   */
  public record LifecycleConfig(String interval, String lease,
      @JsonProperty("max-drain") String maxDrain,
      @JsonProperty("job-retention") String jobRetention) {
    public LifecycleConfig {
      lease = lease == null ? "2m" : lease;
      maxDrain = maxDrain == null ? "5m" : maxDrain;
      jobRetention = jobRetention == null ? "30d" : jobRetention;
      ConfigDuration.parse("lifecycle.job-retention", jobRetention);
      if (interval != null) {
        ConfigDuration.parse("lifecycle.interval", interval);
      }
      ConfigDuration.parse("lifecycle.lease", lease);
      ConfigDuration.parse("lifecycle.max-drain", maxDrain);
    }

    /** How often migrations run on their own; null: only when called. */
    public java.time.Duration intervalDuration() {
      return interval == null ? null : ConfigDuration.parse("lifecycle.interval", interval);
    }

    public java.time.Duration leaseDuration() {
      return ConfigDuration.parse("lifecycle.lease", lease);
    }

    public java.time.Duration maxDrainDuration() {
      return ConfigDuration.parse("lifecycle.max-drain", maxDrain);
    }

    public java.time.Duration jobRetentionDuration() {
      return ConfigDuration.parse("lifecycle.job-retention", jobRetention);
    }
  }

  /**
   * The listener and who may connect. {@code users}: name to password hash and roles
   * ({@code admin}, {@code reader}). {@code anonymous}: what a connection without credentials
   * is, {@code reader} or {@code none} (refused); by default {@code none} once users are
   * configured, {@code reader} while there are none.
   */
  public record ServerConfig(String host, Integer port, LinkedHashMap<String, UserConfig> users,
      String anonymous, TlsConfig tls, LimitsConfig limits,
      @JsonProperty("query-log") QueryLogConfig queryLog, MetricsConfig metrics) {
    public ServerConfig(String host, Integer port, LinkedHashMap<String, UserConfig> users,
        String anonymous) {
      this(host, port, users, anonymous, null, null, null, null);
    }

    public ServerConfig(String host, Integer port, LinkedHashMap<String, UserConfig> users,
        String anonymous, TlsConfig tls, LimitsConfig limits) {
      this(host, port, users, anonymous, tls, limits, null, null);
    }

    public ServerConfig {
      limits = limits == null ? new LimitsConfig(null, null, null, null) : limits;
      queryLog = queryLog == null ? new QueryLogConfig(null, null) : queryLog;
      metrics = metrics == null ? new MetricsConfig(null) : metrics;
      host = host == null ? "0.0.0.0" : host;
      port = port == null ? 8765 : port;
      users = users == null ? new LinkedHashMap<>() : users;
      users.forEach((name, user) -> {
        if (user == null) {
          throw new IllegalArgumentException("server.users." + name + ": needs password-hash"
              + " and roles");
        }
      });
      anonymous = anonymous == null ? (users.isEmpty() ? "reader" : "none") : anonymous;
      if (!anonymous.equals("reader") && !anonymous.equals("none")) {
        throw new IllegalArgumentException("server.anonymous: '" + anonymous
            + "' is not one of reader, none");
      }
    }

    /** The same server on another port. */
    public ServerConfig withPort(int newPort) {
      return new ServerConfig(host, newPort, users, anonymous, tls, limits, queryLog, metrics);
    }

    /** The same server serving HTTPS with {@code newTls}. */
    public ServerConfig withTls(TlsConfig newTls) {
      return new ServerConfig(host, port, users, anonymous, newTls, limits, queryLog, metrics);
    }

    /** The same server with other limits. */
    public ServerConfig withLimits(LimitsConfig newLimits) {
      return new ServerConfig(host, port, users, anonymous, tls, newLimits, queryLog, metrics);
    }
  }

  /**
   * Bounds on what clients may hold, each refused with a clear error past it.
   * {@code request-bytes}: the largest request body (default 16777216, 16 MiB).
   * {@code connections-per-user}: open connections one user may hold (default 64).
   * {@code statements-per-connection}: open statements on one connection (default 256).
   * {@code idle-connection-timeout}: a connection unused this long is closed, its statements
   * with it (default 30m).
   */
  public record LimitsConfig(@JsonProperty("request-bytes") Long requestBytes,
      @JsonProperty("connections-per-user") Integer connectionsPerUser,
      @JsonProperty("statements-per-connection") Integer statementsPerConnection,
      @JsonProperty("idle-connection-timeout") String idleConnectionTimeout) {
    public LimitsConfig {
      requestBytes = requestBytes == null ? 16L * 1024 * 1024 : requestBytes;
      connectionsPerUser = connectionsPerUser == null ? 64 : connectionsPerUser;
      statementsPerConnection = statementsPerConnection == null ? 256 : statementsPerConnection;
      idleConnectionTimeout = idleConnectionTimeout == null ? "30m" : idleConnectionTimeout;
      positive("server.limits.request-bytes", requestBytes);
      positive("server.limits.connections-per-user", connectionsPerUser);
      positive("server.limits.statements-per-connection", statementsPerConnection);
      ConfigDuration.parse("server.limits.idle-connection-timeout", idleConnectionTimeout);
    }

    public java.time.Duration idleConnectionTimeoutDuration() {
      return ConfigDuration.parse("server.limits.idle-connection-timeout",
          idleConnectionTimeout);
    }

    static void positive(String key, long value) {
      if (value < 1) {
        throw new IllegalArgumentException(key + ": " + value + " must be 1 or more");
      }
    }
  }

  /**
   * Where metrics go besides {@code GET /metrics}. {@code cloudwatch}: also publish them to
   * Amazon CloudWatch (unset: not).
   */
  public record MetricsConfig(CloudWatchConfig cloudwatch) {
  }

  /**
   * Publishing to CloudWatch with Micrometer's CloudWatch registry, credentials from the default
   * AWS chain (the instance's role). {@code namespace} (default {@code Tiergate}),
   * {@code region} (default: the SDK's, from the environment), {@code step}: how often a batch is
   * sent (default {@code 1m}), {@code endpoint}: a VPC endpoint or a test server.
   */
  public record CloudWatchConfig(String namespace, String region, String step,
      String endpoint) {
    public CloudWatchConfig {
      namespace = namespace == null ? "Tiergate" : namespace;
      step = step == null ? "1m" : step;
      if (namespace.isBlank()) {
        throw new IllegalArgumentException("server.metrics.cloudwatch.namespace: cannot be"
            + " empty");
      }
      if (ConfigDuration.parse("server.metrics.cloudwatch.step", step).isZero()) {
        throw new IllegalArgumentException("server.metrics.cloudwatch.step: must be more than"
            + " 0");
      }
      if (endpoint != null) {
        try {
          java.net.URI uri = new java.net.URI(endpoint);
          if (uri.getScheme() == null || uri.getHost() == null) {
            throw new java.net.URISyntaxException(endpoint, "no scheme or host");
          }
        } catch (java.net.URISyntaxException e) {
          throw new IllegalArgumentException("server.metrics.cloudwatch.endpoint: '" + endpoint
              + "' is not a URL such as https://monitoring.eu-west-1.amazonaws.com");
        }
      }
    }

    public Duration stepDuration() {
      return ConfigDuration.parse("server.metrics.cloudwatch.step", step);
    }
  }

  /**
   * What {@code tiergate.queries} keeps. {@code size}: the last statements kept (default
   * 1000; the oldest goes when a new one comes). {@code mask-literals}: whether each statement's
   * strings, numbers and typed literals are kept as {@code ?} (default true), so the log shows
   * no data a user asked about.
   */
  public record QueryLogConfig(Integer size,
      @JsonProperty("mask-literals") Boolean maskLiterals) {
    public QueryLogConfig {
      size = size == null ? 1000 : size;
      maskLiterals = maskLiterals == null ? Boolean.TRUE : maskLiterals;
      LimitsConfig.positive("server.query-log.size", size);
    }
  }

  /**
   * HTTPS on the gateway's port (unset: plain HTTP, for a laptop or behind a TLS-terminating
   * load balancer). Either a PKCS12 (or JKS) {@code keystore} with its {@code keystore-password},
   * or PEM files: {@code certificate} (the chain, server's first) and {@code private-key}
   * (PKCS#8, unencrypted).
   */
  public record TlsConfig(String keystore, @JsonProperty("keystore-password")
      String keystorePassword, @JsonProperty("keystore-type") String keystoreType,
      String certificate, @JsonProperty("private-key") String privateKey) {
    public TlsConfig {
      boolean pem = certificate != null || privateKey != null;
      if (keystore != null && pem) {
        throw new IllegalArgumentException("server.tls: give either keystore or certificate"
            + " and private-key, not both");
      }
      if (keystore == null && !pem) {
        throw new IllegalArgumentException("server.tls: needs keystore (with keystore-password)"
            + " or certificate and private-key (PEM files)");
      }
      if (pem && (certificate == null || privateKey == null)) {
        throw new IllegalArgumentException("server.tls: PEM needs both certificate and"
            + " private-key");
      }
      if (keystore != null && keystorePassword == null) {
        throw new IllegalArgumentException("server.tls.keystore-password is missing for"
            + " keystore " + keystore);
      }
      keystoreType = keystoreType == null ? "PKCS12" : keystoreType;
    }
  }

  /** A user: the hash {@code tiergate hash-password} prints (never the password) and roles. */
  public record UserConfig(@JsonProperty("password-hash") String passwordHash,
      java.util.List<String> roles) {
    public UserConfig {
      if (passwordHash == null) {
        throw new IllegalArgumentException("password-hash is missing (make one with "
            + "'tiergate hash-password')");
      }
      io.tiergate.server.auth.PasswordHash.parse(passwordHash);
      roles = roles == null ? java.util.List.of() : java.util.List.copyOf(roles);
      for (String role : roles) {
        if (!io.tiergate.lifecycle.admin.Caller.ROLES.contains(role)) {
          throw new IllegalArgumentException("unknown role '" + role + "'; roles are "
              + new java.util.TreeSet<>(io.tiergate.lifecycle.admin.Caller.ROLES));
        }
      }
    }
  }

  /**
   * Prices in USD. {@code hot}, {@code warm}, {@code cold}: storage per TB-month for
   * {@code tiergate.tiers}' monthly cost (ADR-002: 25, 5, 1). The other sections price one
   * query's reads, for EXPLAIN's {@code cost_usd} and the {@code max_cost_usd} option; their
   * defaults are AWS's public on-demand list for us-east-1.
   */
  public record PricesConfig(Double hot, Double warm, Double cold, AthenaPrices athena,
      RedshiftPrices redshift, DynamoDbPrices dynamodb, GlacierPrices glacier,
      @JsonProperty("deep-archive") DeepArchivePrices deepArchive) {
    public PricesConfig(Double hot, Double warm, Double cold) {
      this(hot, warm, cold, null, null, null, null, null);
    }

    public PricesConfig {
      hot = hot == null ? 25.0 : hot;
      warm = warm == null ? 5.0 : warm;
      cold = cold == null ? 1.0 : cold;
      if (hot < 0 || warm < 0 || cold < 0) {
        throw new IllegalArgumentException("prices: USD per TB-month cannot be negative");
      }
      athena = athena == null ? new AthenaPrices(null, null) : athena;
      redshift = redshift == null ? new RedshiftPrices(null, null, null) : redshift;
      dynamodb = dynamodb == null ? new DynamoDbPrices(null) : dynamodb;
      glacier = glacier == null ? new GlacierPrices(null, null, null) : glacier;
      deepArchive = deepArchive == null ? new DeepArchivePrices(null, null) : deepArchive;
    }

    /** The prices of one query's reads, as the planner's cost model takes them. */
    public QueryPrices queryPrices() {
      return new QueryPrices(athena.perTbScanned(), Math.round(athena.minimumMb() * MIB),
          redshift.clusterHourly(), redshift.concurrency(),
          Math.max(1, Math.round(redshift.scanMbPerSecond() * MIB)), dynamodb.perMillionRru(),
          new QueryPrices.Retrieval(glacier.standard().price(), glacier.bulk().price(),
              glacier.expedited().price()),
          new QueryPrices.Retrieval(deepArchive.standard().price(), deepArchive.bulk().price(),
              null));
    }

    private static final double MIB = 1024 * 1024;

    /** {@code value}, or {@code otherwise} when unset; a negative value names its key. */
    static double price(String key, Double value, double otherwise) {
      if (value != null && value < 0) {
        throw new IllegalArgumentException(key + ": " + value + " USD cannot be negative");
      }
      return value == null ? otherwise : value;
    }
  }

  /** Athena: per TB scanned (default 5) and the least one query is billed for (10 MB). */
  public record AthenaPrices(@JsonProperty("per-tb-scanned") Double perTbScanned,
      @JsonProperty("minimum-mb") Double minimumMb) {
    public AthenaPrices {
      perTbScanned = PricesConfig.price("per-tb-scanned", perTbScanned, 5.0);
      minimumMb = PricesConfig.price("minimum-mb", minimumMb, 10.0);
    }
  }

  /**
   * Redshift: the cluster's price per hour (default 1.086, one ra3.xlplus node), the queries
   * assumed to share it at once (default 5, WLM's default concurrency) and the scan rate that
   * turns bytes into seconds for an estimate (default 100 MB/s).
   */
  public record RedshiftPrices(@JsonProperty("cluster-hourly") Double clusterHourly,
      Integer concurrency, @JsonProperty("scan-mb-per-second") Double scanMbPerSecond) {
    public RedshiftPrices {
      clusterHourly = PricesConfig.price("cluster-hourly", clusterHourly, 1.086);
      concurrency = concurrency == null ? 5 : concurrency;
      LimitsConfig.positive("concurrency", concurrency);
      scanMbPerSecond = PricesConfig.price("scan-mb-per-second", scanMbPerSecond, 100.0);
      if (scanMbPerSecond == 0) {
        throw new IllegalArgumentException("scan-mb-per-second: must be more than 0");
      }
    }
  }

  /** DynamoDB on-demand: per million read request units (default 0.25). */
  public record DynamoDbPrices(@JsonProperty("per-million-rru") Double perMillionRru) {
    public DynamoDbPrices {
      perMillionRru = PricesConfig.price("per-million-rru", perMillionRru, 0.25);
    }
  }

  /** One retrieval tier's prices: per GB restored and per 1,000 requests (one per object). */
  public record RetrievalPrices(@JsonProperty("per-gb") Double perGb,
      @JsonProperty("per-1000-requests") Double perThousandRequests) {
    public RetrievalPrices {
      PricesConfig.price("per-gb", perGb, 0);
      PricesConfig.price("per-1000-requests", perThousandRequests, 0);
    }

    /** These prices, each unset one taken from {@code defaults}. */
    RetrievalPrices or(double defaultPerGb, double defaultPerThousand) {
      return new RetrievalPrices(perGb == null ? defaultPerGb : perGb,
          perThousandRequests == null ? defaultPerThousand : perThousandRequests);
    }

    QueryPrices.RetrievalPrice price() {
      return new QueryPrices.RetrievalPrice(perGb, perThousandRequests);
    }
  }

  /** Restores from S3 Glacier Flexible Retrieval (defaults: AWS's list, us-east-1). */
  public record GlacierPrices(RetrievalPrices standard, RetrievalPrices bulk,
      RetrievalPrices expedited) {
    public GlacierPrices {
      standard = (standard == null ? new RetrievalPrices(null, null) : standard).or(0.01, 0.05);
      bulk = (bulk == null ? new RetrievalPrices(null, null) : bulk).or(0, 0);
      expedited = (expedited == null ? new RetrievalPrices(null, null) : expedited)
          .or(0.03, 10.0);
    }
  }

  /** Restores from S3 Glacier Deep Archive, which has no expedited retrieval. */
  public record DeepArchivePrices(RetrievalPrices standard, RetrievalPrices bulk) {
    public DeepArchivePrices {
      standard = (standard == null ? new RetrievalPrices(null, null) : standard).or(0.02, 0.10);
      bulk = (bulk == null ? new RetrievalPrices(null, null) : bulk).or(0.0025, 0.025);
    }
  }

  public record StoresConfig(DynamoDbConfig dynamodb, RedisConfig redis, S3Config s3,
      JdbcStoreConfig redshift, AthenaConfig athena, AdmissionConfig admission) {
    public StoresConfig {
      admission = admission == null ? new AdmissionConfig(null, null, null) : admission;
    }

    public StoresConfig(DynamoDbConfig dynamodb, RedisConfig redis, S3Config s3,
        JdbcStoreConfig redshift, AthenaConfig athena) {
      this(dynamodb, redis, s3, redshift, athena, null);
    }
  }

  /**
   * How queries wait for a SQL store (Redshift, Athena) whose connections are all busy, the same
   * for each store and counted per store. {@code connections}: statements one store runs at once,
   * its pool's size (default 16). {@code queue}: queries that may wait for one of them, fairly
   * across users (default 128; 0: refuse at once when all are busy). {@code max-wait}: how long a
   * query waits before it is refused (default 60s).
   */
  public record AdmissionConfig(Integer connections, Integer queue,
      @JsonProperty("max-wait") String maxWait) {
    public AdmissionConfig {
      connections = connections == null ? AdmissionLimits.DEFAULT.connections() : connections;
      queue = queue == null ? AdmissionLimits.DEFAULT.queue() : queue;
      maxWait = maxWait == null ? "60s" : maxWait;
      limits(connections, queue, maxWait); // every value checked at load
    }

    public AdmissionLimits limits() {
      return limits(connections, queue, maxWait);
    }

    private static AdmissionLimits limits(int connections, int queue, String maxWait) {
      Duration wait = ConfigDuration.parse("stores.admission.max-wait", maxWait);
      try {
        return new AdmissionLimits(connections, queue, wait);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("stores.admission." + e.getMessage(), e);
      }
    }
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
   * @param classChanges how cold objects move to colder classes: {@code lifecycle-rules} (the
   *     bucket's S3 lifecycle rules; production) or {@code rewrite} (the gateway rewrites each
   *     object in its new class: the local stack, whose S3Proxy has no lifecycle engine)
   */
  public record S3Config(String endpoint, String region,
      @JsonProperty("access-key") String accessKey, @JsonProperty("secret-key") String secretKey,
      @JsonProperty("path-style") Boolean pathStyle, String restore,
      @JsonProperty("restore-days") Integer restoreDays,
      @JsonProperty("class-changes") String classChanges) {
    public S3Config {
      classChanges = classChanges == null ? "lifecycle-rules" : classChanges;
      if (!classChanges.equals("lifecycle-rules") && !classChanges.equals("rewrite")) {
        throw new IllegalArgumentException("stores.s3.class-changes: '" + classChanges
            + "' is not one of lifecycle-rules, rewrite");
      }
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
   * parameter. {@code iam-role}: the role Redshift's COPY assumes to read the warm prefix
   * (migrations into Redshift need it; the PostgreSQL stand-in is loaded by the gateway).
   */
  public record JdbcStoreConfig(String url, String user, String password, String driver,
      @JsonProperty("query-group") String queryGroup,
      @JsonProperty("iam-role") String iamRole) {
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
      return new JdbcStoreConfig(url, user, password, driver, null, null);
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

    public TableConfig {
      if (lifecycle != null) {
        // Checked as the file loads (the error then names the table), used when a gateway runs.
        io.tiergate.lifecycle.migrate.LifecyclePolicy.parse(lifecycle, "lifecycle");
      }
    }

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
