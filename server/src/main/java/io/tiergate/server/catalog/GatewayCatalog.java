package io.tiergate.server.catalog;

import io.tiergate.adapter.AdmissionGate;
import io.tiergate.adapter.StoreRequests;
import io.tiergate.adapter.dynamodb.DynamoDbClientFactory;
import io.tiergate.adapter.dynamodb.DynamoDbManifestStore;
import io.tiergate.adapter.dynamodb.DynamoDbReadOptions;
import io.tiergate.adapter.dynamodb.DynamoDbReadThroughCache;
import io.tiergate.adapter.dynamodb.DynamoDbRowWriter;
import io.tiergate.adapter.dynamodb.DynamoDbTable;
import io.tiergate.adapter.dynamodb.DynamoDbTableLayout;
import io.tiergate.adapter.dynamodb.RedisItemCache;
import io.tiergate.adapter.athena.AthenaClientFactory;
import io.tiergate.adapter.athena.AthenaDataSource;
import io.tiergate.adapter.athena.AthenaSettings;
import io.tiergate.adapter.athena.SdkAthenaExecutor;
import io.tiergate.adapter.jdbc.AthenaStoreDialect;
import io.tiergate.adapter.jdbc.CountingDataSource;
import io.tiergate.adapter.jdbc.JdbcStoreSchemas;
import io.tiergate.adapter.jdbc.RedshiftStoreDialect;
import io.tiergate.adapter.redshift.RedshiftConnectionFactory;
import io.tiergate.adapter.redis.RedisConnector;
import io.tiergate.adapter.redis.RedisHashTable;
import io.tiergate.adapter.redis.RedisSortedSetTable;
import io.tiergate.adapter.redis.RedisStringTable;
import io.tiergate.adapter.s3.DayPartitionLayout;
import io.tiergate.planner.cost.ScanSizes;
import io.tiergate.adapter.s3.EmulatedObjectRestorer;
import io.tiergate.adapter.s3.ObjectRestorer;
import io.tiergate.adapter.s3.S3ClientFactory;
import io.tiergate.adapter.s3.S3ClientSettings;
import io.tiergate.adapter.s3.S3Location;
import io.tiergate.adapter.s3.S3ObjectRestorer;
import io.tiergate.adapter.s3.S3ObjectStore;
import io.tiergate.adapter.redshift.PostgresParquetLoader;
import io.tiergate.adapter.redshift.RedshiftCopyLoader;
import io.tiergate.adapter.redshift.WarmLoader;
import io.tiergate.adapter.redshift.WarmTable;
import io.tiergate.lifecycle.admin.AdminSchema;
import io.tiergate.lifecycle.admin.Caller;
import io.tiergate.lifecycle.admin.StorageReport;
import io.tiergate.lifecycle.migrate.ClassChanger;
import io.tiergate.lifecycle.migrate.ColdSliceStore;
import io.tiergate.lifecycle.migrate.DynamoDbJobStore;
import io.tiergate.lifecycle.migrate.HotSliceStore;
import io.tiergate.lifecycle.migrate.LifecyclePolicy;
import io.tiergate.lifecycle.migrate.MigrationMeters;
import io.tiergate.lifecycle.migrate.MigrationRunner;
import io.tiergate.lifecycle.migrate.PinnedQueries;
import io.tiergate.lifecycle.migrate.StepHook;
import io.tiergate.lifecycle.migrate.TableLifecycle;
import io.tiergate.lifecycle.migrate.WarmSliceStore;
import io.tiergate.lifecycle.restore.RestoreService;
import io.tiergate.planner.catalog.ColumnSpec;
import io.tiergate.planner.catalog.HotRowWriter;
import io.tiergate.planner.catalog.TieredTable;
import io.tiergate.planner.catalog.TieredTableSpec;
import io.tiergate.planner.manifest.CachingManifestStore;
import io.tiergate.planner.manifest.ManifestStore;
import io.tiergate.planner.manifest.Tier;
import io.tiergate.server.auth.RequestScope;
import io.tiergate.server.config.ConfigLoader.ConfigException;
import io.tiergate.server.config.TiergateConfig;
import io.tiergate.server.config.TiergateConfig.AthenaConfig;
import io.tiergate.server.config.TiergateConfig.JdbcStoreConfig;
import io.tiergate.server.config.TiergateConfig.TableConfig;
import io.tiergate.server.config.TiergateConfig.TierConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Everything a connection sees, built once from the configuration and shared by every
 * connection: one schema per store (for inspection: {@code redshift.events}) and, at the root,
 * the user's tables (tiered {@code events}, Redis-only {@code sessions}, {@code metrics}).
 */
public final class GatewayCatalog implements AutoCloseable {
  public static final String DYNAMODB = "dynamodb";
  /** Apart from {@link #DYNAMODB}: the cache's stream polls are no query's requests. */
  public static final String DYNAMODB_STREAMS = "dynamodb-streams";
  public static final String REDIS = "redis";
  public static final String REDSHIFT = "redshift";
  public static final String ATHENA = "athena";
  /** The schema under which DatabaseMetaData lists the root tables (see {@link #install}). */
  public static final String METADATA_ROOT_SCHEMA = "";

  private final Map<String, org.apache.calcite.schema.Schema> storeSchemas = new LinkedHashMap<>();
  private final Map<String, Table> rootTables = new LinkedHashMap<>();
  private final Map<String, String> storeSchemaNames = new LinkedHashMap<>();
  private final List<String> tieredTables = new ArrayList<>();
  /** The key columns of each tiered table, in key order, as configured. */
  private final Map<String, List<String>> primaryKeys = new LinkedHashMap<>();
  private final Map<String, String> timeColumns = new LinkedHashMap<>();
  private final List<AutoCloseable> resources = new ArrayList<>();
  /** The warm and cold store tables over day-partitioned S3 prefixes: what a cost estimate lists. */
  private final Map<List<String>, DayPartitionLayout> partitionedPaths = new LinkedHashMap<>();
  /** How long a gateway plans with a manifest it read before reading it again. */
  private static final Duration MANIFEST_CACHE = Duration.ofSeconds(1);

  private final ManifestStore manifests;
  private final DynamoDbManifestStore controlTable;
  private DynamoDbClient controlTableClient;
  private String controlTableName;
  private final TiergateConfig.StoresConfig stores;
  private final StoreRequests requests;
  private final AdminSchema admin;
  /** Storage per tier on /metrics; null without a control table (no manifests, no tiers). */
  private final @Nullable TierStorageMeters tierStorage;
  /** What tiergate.tiers shows; null without a control table. */
  private final @Nullable StorageReport storage;
  /** Each tiered table's lifecycle policy, by table; empty without a control table. */
  private final Map<String, LifecyclePolicy> policies = new LinkedHashMap<>();
  /** How often a scrape of /metrics measures the tiers' storage again. */
  private static final Duration STORAGE_METERS_INTERVAL = Duration.ofMinutes(5);
  private final Map<String, DataSource> dataSources = new LinkedHashMap<>();
  private final PinnedQueries pinnedQueries = new PinnedQueries();
  private S3ObjectStore s3Objects;
  /** The read-through cache's Redis side and change capture; null when it is off. */
  private final @Nullable RedisItemCache itemCache;
  private final @Nullable DynamoDbStreamsClient streams;

  public GatewayCatalog(TiergateConfig config, StoreRequests requests) {
    TiergateConfig.StoresConfig stores = config.stores();
    DynamoDbClient dynamo = null;
    if (stores.dynamodb() != null) {
      var d = stores.dynamodb();
      URI endpoint = d.endpoint() == null ? null : URI.create(d.endpoint());
      dynamo = DynamoDbClientFactory.create(endpoint, d.region(), d.accessKey(), d.secretKey(),
          requests, DYNAMODB, d.retryMode().equals("adaptive") ? RetryMode.ADAPTIVE_V2
              : RetryMode.STANDARD);
      resources.add(dynamo);
      DynamoDbClient control = DynamoDbClientFactory.create(endpoint, d.region(), d.accessKey(),
          d.secretKey(), requests, "control");
      resources.add(control);
      controlTable = new DynamoDbManifestStore(control, d.controlTable());
      controlTableClient = control;
      controlTableName = d.controlTable();
      manifests = new CachingManifestStore(controlTable, MANIFEST_CACHE);
    } else {
      controlTable = null;
      manifests = null;
    }
    RedisConnector redis = null;
    if (stores.redis() != null) {
      redis = redisConnector(stores.redis(), requests);
      resources.add(redis);
    }
    if (stores.dynamodb() != null && stores.dynamodb().cache().enabled()) {
      var d = stores.dynamodb();
      if (redis == null) {
        throw new ConfigException("stores.dynamodb.cache.enabled: true needs stores.redis,"
            + " where the cached items live", null);
      }
      streams = DynamoDbClientFactory.createStreams(d.endpoint() == null ? null
          : URI.create(d.endpoint()), d.region(), d.accessKey(), d.secretKey(), requests,
          DYNAMODB_STREAMS);
      resources.add(streams);
      itemCache = new RedisItemCache(redis, d.cache().options());
    } else {
      streams = null;
      itemCache = null;
    }
    this.stores = stores;
    this.requests = requests;
    Map<String, Table> dynamoTables = new LinkedHashMap<>();
    Map<String, Table> redisTables = new LinkedHashMap<>();
    for (var entry : config.tables().entrySet()) {
      String name = entry.getKey();
      TableConfig table = entry.getValue();
      if (table.isTiered()) {
        rootTables.put(name, tieredTable(name, table, dynamo, dynamoTables));
        tieredTables.add(name);
        primaryKeys.put(name, table.key() == null ? List.of() : List.copyOf(table.key()));
        timeColumns.put(name, table.timeColumn());
      } else if (REDIS.equals(table.store())) {
        Table t = redisTable(name, table, require(redis, name, "stores.redis"));
        redisTables.put(name, t);
        rootTables.put(name, t);
      } else {
        throw new ConfigException("tables." + name + ".store: '" + table.store()
            + "' is not a store a single-store table can live in (redis)", null);
      }
    }
    storeSchemas.put(DYNAMODB, new FixedSchema(dynamoTables));
    storeSchemas.put(REDIS, new FixedSchema(redisTables));
    S3ObjectStore objects = stores.s3() == null ? null : s3Objects();
    JdbcSchema warm = (JdbcSchema) storeSchemas.get(REDSHIFT);
    this.storage = manifests == null ? null : StorageMeters.report(config, manifests,
        dynamo, warm == null ? null : warm.getDataSource(), objects);
    this.admin = new AdminSchema(restoreService(config, objects),
        migrationRunner(config, dynamo), storage);
    this.tierStorage = storage == null ? null
        : new TierStorageMeters(requests.registry(), storage, STORAGE_METERS_INTERVAL);
    // Capacity the alerts watch: read when the gauges are read, never in the background.
    if (redis != null) {
      RedisMemoryMeters.register(requests.registry(), redis);
    }
    DataSource warmStore = dataSources.get(REDSHIFT);
    if (warmStore != null) {
      RedshiftDiskMeters.register(requests.registry(), warmStore, stores.redshift().url());
    }
  }

  /** Brings the tiers' storage gauges up to date, at most every few minutes; before a scrape. */
  public void refreshStorageMeters() {
    if (tierStorage != null) {
      tierStorage.refreshIfStale();
    }
  }

  /** What {@code CALL tiergate.migrate} and {@code expire} run on: every tiered table's tiers. */
  private MigrationRunner migrationRunner(TiergateConfig config, DynamoDbClient dynamo) {
    if (controlTable == null) {
      return null;
    }
    Map<String, TableLifecycle> lifecycles = new LinkedHashMap<>();
    config.tables().forEach((name, table) -> {
      if (table.isTiered()) {
        lifecycles.put(name, tableLifecycle(name, table, dynamo));
      }
    });
    lifecycles.forEach((name, lifecycle) -> policies.put(name, lifecycle.policy()));
    BoundaryLagMeters.register(requests.registry(), manifests, policies, Clock.systemUTC());
    TiergateConfig.LifecycleConfig l = config.lifecycle();
    // A gateway plans with a manifest up to MANIFEST_CACHE old: DRAIN waits that out.
    MigrationRunner.Settings settings = new MigrationRunner.Settings(l.leaseDuration(),
        MANIFEST_CACHE.plusSeconds(1), l.maxDrainDuration());
    MigrationRunner runner = new MigrationRunner(new DynamoDbJobStore(controlTableClient,
        controlTableName, l.jobRetentionDuration(), Clock.systemUTC()),
        controlTable, lifecycles, pinnedQueries, Clock.systemUTC(), runnerName(), settings,
        StepHook.NONE, new MigrationMeters(requests.registry()));
    RunningStepMeters.register(requests.registry(), runner, Clock.systemUTC());
    return runner;
  }

  private static String runnerName() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "unknown-host";
    }
    return host + " pid " + ProcessHandle.current().pid();
  }

  /** The stores of one tiered table as migrations move its data. */
  private TableLifecycle tableLifecycle(String name, TableConfig table, DynamoDbClient dynamo) {
    List<ColumnSpec> columns = columns(name, table);
    LifecyclePolicy policy;
    try {
      policy = LifecyclePolicy.parse(table.lifecycle(), "tables." + name + ".lifecycle");
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
    HotSliceStore hot = table.hot() == null || dynamo == null ? null
        : new HotSliceStore(dynamo, hotLayout(table, columns));
    WarmSliceStore warm = null;
    if (table.warm() != null && table.warm().s3() != null && stores.s3() != null) {
      String warmTableName = table.warm().table();
      WarmTable warmTable = new WarmTable(warmTableName, table.timeColumn(), columns,
          table.key());
      DataSource redshift = dataSources.get(REDSHIFT);
      warm = new WarmSliceStore(redshift, warmTable, new ColdSliceStore(s3Objects(),
          new DayPartitionLayout(S3Location.parse(table.warm().s3())), columns,
          classChanger()), warmLoader(redshift));
    }
    ColdSliceStore cold = table.cold() == null || table.cold().s3() == null
        || stores.s3() == null ? null : new ColdSliceStore(s3Objects(),
            new DayPartitionLayout(S3Location.parse(table.cold().s3())), columns, classChanger());
    return new TableLifecycle(name, columns, table.key(), table.timeColumn(), hot, warm, cold,
        policy);
  }

  /**
   * Redshift loads itself from S3 with COPY (stores.redshift.iam-role); the PostgreSQL
   * stand-in is loaded by the gateway from the same files.
   */
  private WarmLoader warmLoader(DataSource redshift) {
    JdbcStoreConfig c = stores.redshift();
    if (c.url() != null && c.url().startsWith("jdbc:postgresql:")) {
      return new PostgresParquetLoader(redshift, s3Objects());
    }
    if (c.iamRole() == null) {
      throw new ConfigException("stores.redshift.iam-role: missing; migrations load the warm "
          + "tier with Redshift's COPY, which needs the role it reads S3 with", null);
    }
    try {
      return new RedshiftCopyLoader(redshift, c.iamRole());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("stores.redshift.iam-role: " + e.getMessage(), e);
    }
  }

  private ClassChanger classChanger() {
    return "rewrite".equals(stores.s3().classChanges()) ? ClassChanger.REWRITE
        : ClassChanger.LIFECYCLE_RULES;
  }

  /** One S3 client for restores and migrations. */
  private S3ObjectStore s3Objects() {
    if (s3Objects == null) {
      TiergateConfig.S3Config s3 = stores.s3();
      S3ClientSettings settings = s3.endpoint() == null
          ? S3ClientSettings.aws(s3.region())
          : new S3ClientSettings(URI.create(s3.endpoint()), s3.region(), s3.pathStyle(),
              s3.accessKey(), s3.secretKey(), 16, Duration.ofSeconds(2), Duration.ofSeconds(30));
      S3Client client = S3ClientFactory.create(settings, requests, S3ClientFactory.COUNTER_TAG);
      resources.add(client);
      s3Objects = new S3ObjectStore(client);
    }
    return s3Objects;
  }

  /**
   * The sizes of the warm and cold tiers' day partitions, for cost estimates; none without S3.
   */
  public ScanSizes scanSizes() {
    return stores.s3() == null || partitionedPaths.isEmpty() ? ScanSizes.NONE
        : new PartitionSizes(s3Objects(), partitionedPaths);
  }

  /** Whether hot reads are strongly consistent (they cost twice the read units). */
  public boolean consistentHotReads() {
    return stores.dynamodb() != null && stores.dynamodb().consistentRead();
  }

  /** The queries running on this gateway by manifest version: what a migration drains. */
  public PinnedQueries pinnedQueries() {
    return pinnedQueries;
  }

  public MigrationRunner migrations() {
    return admin.migrations();
  }

  /** What {@code tiergate.tiers} reads; null when there is no control table. */
  public @Nullable StorageReport storageReport() {
    return storage;
  }

  /** The lifecycle policy of each tiered table; empty when there is no control table. */
  public Map<String, LifecyclePolicy> policies() {
    return java.util.Collections.unmodifiableMap(policies);
  }

  /** What {@code CALL tiergate.restore} runs on: the cold prefixes of the tiered tables. */
  private RestoreService restoreService(TiergateConfig config, S3ObjectStore objects) {
    TiergateConfig.S3Config s3 = stores.s3();
    if (s3 == null || manifests == null) {
      return null;
    }
    Map<String, DayPartitionLayout> coldLayouts = new LinkedHashMap<>();
    config.tables().forEach((name, table) -> {
      if (table.isTiered() && table.cold() != null && table.cold().s3() != null) {
        coldLayouts.put(name, new DayPartitionLayout(S3Location.parse(table.cold().s3())));
      }
    });
    ObjectRestorer restorer = "emulated".equals(s3.restore())
        ? new EmulatedObjectRestorer(Duration.ZERO, Clock.systemUTC())
        : new S3ObjectRestorer(objects.client());
    return new RestoreService(manifests, objects, restorer, coldLayouts,
        s3.restoreDays(), Clock.systemUTC());
  }

  /**
   * The primary key of each tiered table (a root table), as its configuration's {@code key}:
   * what {@code DatabaseMetaData.getPrimaryKeys} reports, since Calcite knows of no keys.
   */
  public Map<String, List<String>> primaryKeys() {
    return java.util.Collections.unmodifiableMap(primaryKeys);
  }

  /** The time column of each tiered table, which places its rows in a tier. */
  public Map<String, String> timeColumns() {
    return java.util.Collections.unmodifiableMap(timeColumns);
  }

  /** Adds the catalog to a connection's root schema. */
  public void install(SchemaPlus root) {
    storeSchemas.forEach(root::add);
    rootTables.forEach(root::add);
    SchemaPlus tiergate = root.add(AdminSchema.NAME, admin);
    // What DatabaseMetaData needs and Avatica's protocol cannot ask for (getPrimaryKeys,
    // getFunctions): the Tiergate driver reads these instead.
    tiergate.add(PrimaryKeysTable.NAME, new PrimaryKeysTable(primaryKeys));
    tiergate.add(FunctionsTable.NAME, new FunctionsTable());
    // Calcite's DatabaseMetaData (getTables, getColumns) lists the tables of the root's
    // sub-schemas only, so BI tools never saw events or sessions. The same tables again as a
    // sub-schema named "" are listed, with TABLE_SCHEM "" as a root table's; SQL cannot name
    // that schema (a zero-length identifier does not parse), so queries resolve as before.
    root.add(METADATA_ROOT_SCHEMA, new FixedSchema(rootTables));
  }

  /** What {@code CALL tiergate.restore} runs; fails naming what is missing when it cannot. */
  public RestoreService restores() {
    return admin.restores();
  }

  public ManifestStore manifests() {
    return manifests;
  }

  /**
   * The manifest version of every tiered table: plans of tiered tables bake their slices in,
   * so a plan is only reusable while this stays the same. Null when a manifest cannot be read
   * (the query that needs it reports why; nothing is cached meanwhile).
   */
  public Map<String, Long> manifestVersions() {
    Map<String, Long> versions = new TreeMap<>();
    try {
      tieredTables.forEach(name -> versions.put(name, manifests.current(name).version()));
    } catch (RuntimeException e) {
      return null;
    }
    return versions;
  }

  /** How hot tables are read: stores.dynamodb's read keys over the adapter's defaults. */
  private DynamoDbReadOptions readOptions() {
    var d = stores.dynamodb();
    DynamoDbReadOptions defaults = DynamoDbReadOptions.DEFAULTS;
    return new DynamoDbReadOptions(d.consistentRead(), d.maxDayBuckets(),
        defaults.maxPartitionQueries(), defaults.maxBatchKeys(), d.scanSegments());
  }

  private Table tieredTable(String name, TableConfig table, DynamoDbClient dynamo,
      Map<String, Table> dynamoTables) {
    List<ColumnSpec> columns = columns(name, table);
    Map<Tier, List<String>> paths = new EnumMap<>(Tier.class);
    HotRowWriter hotWriter = null;
    if (table.hot() != null) {
      TierConfig hot = table.hot();
      DynamoDbTableLayout layout = hotLayout(table, columns);
      DynamoDbReadThroughCache cache = null;
      if (itemCache != null) {
        cache = DynamoDbReadThroughCache.start(dynamo, streams, itemCache, layout,
            requests.registry());
        resources.add(cache);
      }
      dynamoTables.put(hot.table(), new DynamoDbTable(require(dynamo, name, "stores.dynamodb"),
          layout, readOptions(), cache));
      paths.put(Tier.HOT, List.of(DYNAMODB, hot.table()));
      hotWriter = new DynamoDbRowWriter(dynamo, layout, cache);
    }
    if (table.warm() != null) {
      paths.put(Tier.WARM, jdbcTablePath(REDSHIFT, stores.redshift(), name, table.warm()));
      if (table.warm().s3() != null) {
        partitionedPaths.put(paths.get(Tier.WARM),
            new DayPartitionLayout(S3Location.parse(table.warm().s3())));
      }
    }
    if (table.cold() != null) {
      paths.put(Tier.COLD, jdbcTablePath(ATHENA, stores.athena(), name, table.cold()));
      if (table.cold().s3() != null) {
        partitionedPaths.put(paths.get(Tier.COLD),
            new DayPartitionLayout(S3Location.parse(table.cold().s3())));
      }
    }
    Map<Tier, String> dayPartitions = new EnumMap<>(Tier.class);
    if (table.cold() != null && "day".equals(table.cold().partition())) {
      dayPartitions.put(Tier.COLD, DayPartitionLayout.PARTITION_COLUMN);
    } else if (table.cold() != null && table.cold().partition() != null) {
      throw new ConfigException("tables." + name + ".cold.partition: '"
          + table.cold().partition() + "' is not supported; use 'day'", null);
    }
    TieredTableSpec spec = new TieredTableSpec(name, table.timeColumn(), table.key(), columns,
        paths, dayPartitions);
    return new TieredTable(spec, require(manifests, name, "stores.dynamodb (control table)"),
        hotWriter);
  }

  private static DynamoDbTableLayout hotLayout(TableConfig table, List<ColumnSpec> columns) {
    return new DynamoDbTableLayout(table.hot().table(), table.hot().partitionKey(),
        table.timeColumn(), table.key(), columns);
  }

  /**
   * A standalone server, or with {@code stores.redis.cluster: true} a Redis Cluster from its
   * {@code nodes}; checked before anything connects, errors name the key.
   */
  static RedisConnector redisConnector(TiergateConfig.RedisConfig config,
      StoreRequests requests) {
    if (!config.cluster()) {
      if (!config.nodes().isEmpty()) {
        throw new ConfigException("stores.redis.nodes: only for a cluster; set "
            + "stores.redis.cluster: true, or use stores.redis.host and port for one server",
            null);
      }
      return new RedisConnector(config.host(), config.port(), requests);
    }
    if (config.nodes().isEmpty()) {
      throw new ConfigException("stores.redis.nodes: missing; stores.redis.cluster: true needs "
          + "the cluster's nodes as host:port (any of them will do, more than one is safer)",
          null);
    }
    List<RedisConnector.HostAndPort> seeds = new ArrayList<>();
    for (int i = 0; i < config.nodes().size(); i++) {
      try {
        seeds.add(RedisConnector.HostAndPort.parse(config.nodes().get(i)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("stores.redis.nodes[" + i + "]: " + e.getMessage(), e);
      }
    }
    return RedisConnector.cluster(seeds, requests);
  }

  private Table redisTable(String name, TableConfig table, RedisConnector redis) {
    boolean scanAllowed = table.scanAllowed() != null && table.scanAllowed();
    String prefix = table.keyPrefix() == null ? name + ":" : table.keyPrefix();
    try {
      return switch (table.shape() == null ? "hash" : table.shape()) {
        case "hash" -> new RedisHashTable(name, redis, prefix, columns(name, table), scanAllowed,
            table.ttlColumn());
        case "sorted-set" -> new RedisSortedSetTable(name, redis, prefix, scanAllowed);
        case "string" -> new RedisStringTable(name, redis, prefix, columns(name, table),
            scanAllowed, table.ttlColumn());
        default -> throw new ConfigException("tables." + name + ".shape: '" + table.shape()
            + "' is not one of hash, sorted-set, string", null);
      };
    } catch (IllegalArgumentException e) {
      throw new ConfigException("tables." + name + ": " + e.getMessage(), e);
    }
  }

  private static List<ColumnSpec> columns(String name, TableConfig table) {
    if (table.columns() == null || table.columns().isEmpty()) {
      throw new ConfigException("tables." + name + ".columns: missing", null);
    }
    List<ColumnSpec> columns = new ArrayList<>();
    table.columns().forEach((column, type) -> {
      try {
        columns.add(ColumnSpec.parse(column, type));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("tables." + name + ".columns." + column + ": "
            + e.getMessage(), e);
      }
    });
    return columns;
  }

  /**
   * The path of a tier's table in a JDBC store, creating the store's schema on first use. One
   * store schema maps one database schema (the qualifier of the tier's table).
   */
  private List<String> jdbcTablePath(String store, Object c, String table, TierConfig tier) {
    require(c, table, "stores." + store);
    String qualified = tier.table();
    int dot = qualified.lastIndexOf('.');
    String dbSchema = dot < 0 ? (REDSHIFT.equals(store) ? "public" : "default")
        : qualified.substring(0, dot);
    String[] parts = dbSchema.split("\\.");
    String catalog = parts.length > 1 ? parts[0] : (REDSHIFT.equals(store) ? null : "hive");
    String schema = parts[parts.length - 1];
    JdbcSchema existing = (JdbcSchema) storeSchemas.get(store);
    if (existing == null) {
      storeSchemas.put(store, jdbcSchema(store, c, catalog, schema));
      storeSchemaNames.put(store, schema);
    } else if (!schema.equals(storeSchemaNames.get(store))) {
      throw new ConfigException("tables." + table + ": store " + store + " already maps schema '"
          + storeSchemaNames.get(store) + "'; all its tables must share one schema", null);
    }
    return List.of(store, qualified.substring(dot + 1));
  }

  /** @param config the store's {@link JdbcStoreConfig}, or for Athena its {@link AthenaConfig} */
  private JdbcSchema jdbcSchema(String store, Object config, String catalog, String schema) {
    DataSource dataSource = config instanceof AthenaConfig athena && athena.sdk()
        ? athenaSdk(athena, catalog, schema)
        : jdbcDataSource(store, config instanceof AthenaConfig athena ? athena.jdbc()
            : (JdbcStoreConfig) config);
    return JdbcStoreSchemas.create(store, dataSource,
        REDSHIFT.equals(store) ? RedshiftStoreDialect.INSTANCE : AthenaStoreDialect.INSTANCE,
        catalog, schema);
  }

  /** Athena through its API (stores.athena.mode: sdk), as the DataSource Calcite reads. */
  private DataSource athenaSdk(AthenaConfig config, String catalog, String database) {
    AthenaSettings settings = config.settings(catalog, database);
    URI endpoint = config.endpoint() == null ? null : URI.create(config.endpoint());
    var client = AthenaClientFactory.create(endpoint, config.region(), config.accessKey(),
        config.secretKey());
    resources.add(client);
    String address = AthenaClientFactory.address(endpoint, config.region());
    return new CountingDataSource(new AthenaDataSource(
        new SdkAthenaExecutor(client, settings, address), settings), requests, ATHENA, address,
        null, admissionGate(ATHENA));
  }

  /**
   * The turns queries wait for before they use {@code store} ({@code stores.admission}), fair
   * across the users the requests are authenticated as; work outside a request (migrations)
   * shares one turn as the user "".
   */
  private AdmissionGate admissionGate(String store) {
    return new AdmissionGate(store, stores.admission().limits(),
        () -> RequestScope.current().flatMap(RequestScope::caller).map(Caller::user).orElse(""),
        requests.registry());
  }

  private DataSource jdbcDataSource(String store, JdbcStoreConfig c) {
    if (c.url() == null) {
      throw new ConfigException("stores." + store + ".url: missing", null);
    }
    DataSource dataSource;
    if (REDSHIFT.equals(store) && c.driver() == null && c.url() != null
        && (c.url().startsWith("jdbc:redshift:") || c.url().startsWith("jdbc:postgresql:"))) {
      // Redshift with its WLM query group on every connection, or pgjdbc for the stand-in.
      RedshiftConnectionFactory connections;
      try {
        connections = RedshiftConnectionFactory.forUrl(c.url(), c.queryGroup());
      } catch (IllegalArgumentException e) {
        throw new ConfigException("stores.redshift.query-group: " + e.getMessage(), e);
      }
      dataSource = connections.pooled(store, c.user(), c.password(), requests,
          hostPort(c.url()), admissionGate(store));
    } else {
      String driver = c.driver() != null ? c.driver() : driverFor(store, c.url());
      dataSource = JdbcStoreSchemas.pooled(store, driver, c.url(), c.user(), c.password(),
          requests, hostPort(c.url()), null, admissionGate(store));
    }
    dataSources.put(store, dataSource);
    resources.add(() -> {
      if (dataSource.isWrapperFor(AutoCloseable.class)) {
        dataSource.unwrap(AutoCloseable.class).close();
      }
    });
    return dataSource;
  }

  private static String driverFor(String store, String url) {
    if (url.startsWith("jdbc:postgresql:")) {
      return "org.postgresql.Driver";
    }
    if (url.startsWith("jdbc:redshift:")) {
      return "com.amazon.redshift.jdbc42.Driver";
    }
    if (url.startsWith("jdbc:trino:")) {
      return "io.trino.jdbc.TrinoDriver";
    }
    throw new ConfigException("stores." + store + ".url: no driver known for '" + url
        + "'; set stores." + store + ".driver", null);
  }

  static String hostPort(String url) {
    int start = url.indexOf("//");
    if (start < 0) {
      return url;
    }
    String rest = url.substring(start + 2);
    int end = rest.indexOf('/');
    return end < 0 ? rest : rest.substring(0, end);
  }

  private static <T> T require(T value, String table, String what) {
    if (value == null) {
      throw new ConfigException("tables." + table + " needs " + what + ", which is not configured",
          null);
    }
    return value;
  }

  @Override public void close() {
    for (int i = resources.size() - 1; i >= 0; i--) {
      AutoCloseable resource = resources.get(i);
      try {
        resource.close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(GatewayCatalog.class).warn("Closing {}", resource, e);
      }
    }
  }

  /** A schema whose tables are fixed at construction. */
  private static final class FixedSchema extends AbstractSchema {
    private final Map<String, Table> tables;

    FixedSchema(Map<String, Table> tables) {
      this.tables = Map.copyOf(tables);
    }

    @Override protected Map<String, Table> getTableMap() {
      return tables;
    }
  }
}
