package io.tiergate.local.demo;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tiergate.adapter.StoreRequests;
import io.tiergate.adapter.dynamodb.DynamoDbClientFactory;
import io.tiergate.adapter.dynamodb.DynamoDbItemCodec;
import io.tiergate.adapter.dynamodb.DynamoDbManifestStore;
import io.tiergate.adapter.dynamodb.DynamoDbTableCreator;
import io.tiergate.adapter.dynamodb.DynamoDbTableLayout;
import io.tiergate.adapter.redshift.PostgresParquetLoader;
import io.tiergate.adapter.redshift.RedshiftConnectionFactory;
import io.tiergate.adapter.redshift.WarmLoader;
import io.tiergate.adapter.redshift.WarmSlice;
import io.tiergate.adapter.redshift.WarmTable;
import io.tiergate.adapter.redis.RedisSortedSetTable;
import io.tiergate.adapter.s3.DayPartitionLayout;
import io.tiergate.adapter.s3.ParquetSchema;
import io.tiergate.adapter.s3.S3ClientFactory;
import io.tiergate.adapter.s3.S3ClientSettings;
import io.tiergate.adapter.s3.S3Location;
import io.tiergate.adapter.s3.S3ObjectStore;
import io.tiergate.adapter.s3.S3StorageClass;
import io.tiergate.local.LocalStack;
import io.tiergate.local.S3Endpoint;
import io.tiergate.planner.manifest.Tier;
import io.tiergate.planner.manifest.TierManifest;
import io.tiergate.planner.manifest.TimeSlice;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;

/**
 * Loads the demo dataset into the local stack, each row where its age puts it: hot rows into
 * DynamoDB, warm rows as day-partitioned Parquet on the warm prefix and into the Redshift
 * stand-in, cold rows as day-partitioned Parquet on the cold prefix in the Glacier class of its
 * age, registered with the Athena stand-in; plus sessions and metrics in Redis, and the
 * manifest in the control table.
 */
public final class DemoLoader {
  private static final Logger LOG = LoggerFactory.getLogger(DemoLoader.class);

  public static final String EVENTS = "events";
  public static final String HOT_TABLE = "events";
  public static final String CONTROL_TABLE = "tiergate_control";
  public static final String WARM_BUCKET = "tiergate-warm";
  public static final String COLD_BUCKET = "tiergate-cold";
  public static final String WARM_SCHEMA = "analytics";
  public static final String COLD_SCHEMA = "archive";
  public static final List<String> METRIC_SERIES = List.of("cpu.web-1", "cpu.web-2",
      "cpu.db-1", "latency.api", "latency.checkout", "queue.depth", "errors.api",
      "memory.cache");

  private final LocalStack stack;
  private final DemoDataset dataset;
  private final DemoPlacement placement;

  public DemoLoader(LocalStack stack, DemoDataset dataset) {
    this.stack = stack;
    this.dataset = dataset;
    this.placement = new DemoPlacement(dataset.nowMillis());
  }

  public static DynamoDbTableLayout hotLayout() {
    return new DynamoDbTableLayout(HOT_TABLE, "tenant_id", "event_time",
        List.of("tenant_id", "event_id"), DemoDataset.EVENT_COLUMNS);
  }

  /** Loads everything; returns how many events went to each tier. */
  public DemoSummary load() {
    long started = System.nanoTime();
    TierManifest manifest = placement.manifest(EVENTS);
    Map<Tier, List<Object[]>> byTier = new EnumMap<>(Tier.class);
    for (Tier tier : Tier.values()) {
      byTier.put(tier, new ArrayList<>());
    }
    dataset.forEachEvent(row -> {
      Tier tier = manifest.tierOf((Long) row[DemoDataset.EVENT_TIME]);
      if (tier != null) {
        byTier.get(tier).add(row);
      }
    });
    StoreRequests uncounted = new StoreRequests(new SimpleMeterRegistry());
    S3Endpoint s3 = stack.s3Endpoint();
    try (DynamoDbClient dynamo = DynamoDbClientFactory.create(stack.dynamoDbEndpoint(),
            "us-east-1", "local", "local", uncounted, "dynamodb");
        var s3Client = S3ClientFactory.create(S3ClientSettings.local(s3.endpoint(),
            s3.accessKey(), s3.secretKey()))) {
      S3ObjectStore objects = new S3ObjectStore(s3Client);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> work = new ArrayList<>();
        work.add(pool.submit(timed("hot", () -> loadHot(dynamo, byTier.get(Tier.HOT)))));
        work.add(pool.submit(timed("warm", () -> loadWarm(objects, byTier.get(Tier.WARM)))));
        work.add(pool.submit(timed("cold", () -> loadCold(objects, byTier.get(Tier.COLD)))));
        work.add(pool.submit(timed("redis", this::loadRedis)));
        for (Future<?> f : work) {
          f.get();
        }
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("Loading demo data failed: " + e.getCause().getMessage(),
            e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while loading demo data", e);
      } finally {
        pool.shutdownNow();
      }
      DynamoDbManifestStore manifests = new DynamoDbManifestStore(dynamo, CONTROL_TABLE);
      manifests.createTableIfMissing();
      manifests.write(manifest);
    }
    DemoSummary summary = new DemoSummary(byTier.get(Tier.HOT).size(),
        byTier.get(Tier.WARM).size(), byTier.get(Tier.COLD).size(), manifest,
        (System.nanoTime() - started) / 1_000_000);
    LOG.info("{}", summary);
    return summary;
  }

  private static Runnable timed(String what, Runnable step) {
    return () -> {
      long start = System.nanoTime();
      step.run();
      LOG.info("Demo data: {} loaded in {} ms", what, (System.nanoTime() - start) / 1_000_000);
    };
  }

  private void loadHot(DynamoDbClient dynamo, List<Object[]> rows) {
    DynamoDbTableLayout layout = hotLayout();
    new DynamoDbTableCreator(dynamo).createIfMissing(layout);
    DynamoDbItemCodec codec = new DynamoDbItemCodec(layout);
    List<List<WriteRequest>> batches = new ArrayList<>();
    for (int i = 0; i < rows.size(); i += 25) {
      batches.add(rows.subList(i, Math.min(rows.size(), i + 25)).stream()
          .map(row -> WriteRequest.builder().putRequest(PutRequest.builder()
              .item(codec.toItem(row)).build()).build())
          .toList());
    }
    // DynamoDB Local answers each batch slowly but serves several at once.
    inParallel(batches, batch -> writeBatch(dynamo, batch));
  }

  private static <T> void inParallel(List<T> items, java.util.function.Consumer<T> action) {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> action.accept(item)));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while loading demo data", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void writeBatch(DynamoDbClient dynamo, List<WriteRequest> batch) {
    Map<String, List<WriteRequest>> pending = Map.of(HOT_TABLE, batch);
    while (!pending.isEmpty()) {
      Map<String, List<WriteRequest>> request = pending;
      BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(request));
      pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
    }
  }

  /** The warm table as the loader sees it: columns in Parquet (and table) order. */
  public static WarmTable warmTable() {
    return new WarmTable(WARM_SCHEMA + ".events", "event_time", DemoDataset.EVENT_COLUMNS,
        List.of("tenant_id", "event_id"));
  }

  /**
   * Warm rows go the way a migration moves them: Parquet per day on the warm prefix, then loaded
   * from S3 into the Redshift stand-in by the warm loader (Redshift's COPY in production).
   */
  private void loadWarm(S3ObjectStore objects, List<Object[]> rows) {
    objects.createBucketIfMissing(WARM_BUCKET);
    writeDays(objects, WARM_BUCKET, rows, day -> S3StorageClass.STANDARD);
    String url = stack.postgresJdbcUrl()
        + (stack.postgresJdbcUrl().contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    RedshiftConnectionFactory connections = RedshiftConnectionFactory.forUrl(url, null);
    DataSource postgres = connections.pooled("redshift-demo-load", stack.postgresUser(),
        stack.postgresPassword(), new StoreRequests(new SimpleMeterRegistry()),
        stack.postgresJdbcUrl());
    try (Connection pg = postgres.getConnection(); Statement ddl = pg.createStatement()) {
      ddl.execute("CREATE SCHEMA IF NOT EXISTS " + WARM_SCHEMA);
      ddl.execute("CREATE TABLE IF NOT EXISTS " + WARM_SCHEMA + ".events ("
          + "tenant_id varchar(64) NOT NULL, event_id varchar(64) NOT NULL, "
          + "event_time timestamp(3) NOT NULL, kind varchar(32), amount double precision, "
          + "user_id varchar(64), region varchar(32), PRIMARY KEY (tenant_id, event_id))");
      // One slice, the whole warm range, from the table's prefix (every day's files): one
      // transaction instead of one per day, which the demo's few rows a day do not repay.
      TierManifest manifest = placement.manifest(EVENTS);
      DayPartitionLayout layout = DayPartitionLayout.of(
          S3Location.parse("s3://" + WARM_BUCKET + "/"), EVENTS);
      WarmLoader loader = new PostgresParquetLoader(postgres, objects);
      loader.load(new WarmSlice(warmTable(), layout.root(),
          new TimeSlice(manifest.warmFloor(), manifest.hotFloor())));
      ddl.execute("ANALYZE " + WARM_SCHEMA + ".events");
    } catch (SQLException e) {
      throw new IllegalStateException("Loading warm rows into PostgreSQL at "
          + stack.postgresJdbcUrl() + " failed: " + e.getMessage(), e);
    } finally {
      closePool(postgres);
    }
  }

  private static void closePool(DataSource dataSource) {
    try {
      dataSource.unwrap(AutoCloseable.class).close();
    } catch (Exception e) {
      LOG.warn("Closing the demo's PostgreSQL pool", e);
    }
  }

  private void loadCold(S3ObjectStore objects, List<Object[]> rows) {
    objects.createBucketIfMissing(COLD_BUCKET);
    writeDays(objects, COLD_BUCKET, rows, day -> S3StorageClass.parse(
        placement.coldStorageClass(day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)
            .toEpochMilli() - 1)));
    Properties user = new Properties();
    user.setProperty("user", "tiergate");
    String location = "s3://" + COLD_BUCKET + "/" + EVENTS + "/";
    LocalDate firstDay = DayPartitionLayout.dayOf(placement.manifest(EVENTS).coldFloor());
    try (Connection trino = DriverManager.getConnection(stack.trinoJdbcUrl(), user);
        Statement s = trino.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS hive." + COLD_SCHEMA
          + " WITH (location = 's3://" + COLD_BUCKET + "/')");
      // Partition projection (Athena has it too): day partitions are computed from the
      // range, not registered one by one, so a new day needs no metastore call.
      s.execute("CREATE TABLE IF NOT EXISTS hive." + COLD_SCHEMA + ".events ("
          + "tenant_id varchar, event_id varchar, event_time timestamp(3), kind varchar, "
          + "amount double, user_id varchar, region varchar, dt varchar WITH ("
          + "partition_projection_type = 'DATE', partition_projection_format = 'yyyy-MM-dd', "
          + "partition_projection_range = ARRAY['" + firstDay + "', 'NOW'], "
          + "partition_projection_interval = 1, partition_projection_interval_unit = 'DAYS')) "
          + "WITH (format = 'PARQUET', partitioned_by = ARRAY['dt'], external_location = '"
          + location + "', partition_projection_enabled = true)");
    } catch (SQLException e) {
      throw new IllegalStateException("Creating the cold table in Trino at "
          + stack.trinoJdbcUrl() + " failed: " + e.getMessage(), e);
    }
  }

  /** One Parquet object per day under {@code <bucket>/events/dt=YYYY-MM-DD/}. */
  private static void writeDays(S3ObjectStore objects, String bucket, List<Object[]> rows,
      java.util.function.Function<LocalDate, S3StorageClass> storageClass) {
    TreeMap<LocalDate, List<Object[]>> days = new TreeMap<>();
    for (Object[] row : rows) {
      days.computeIfAbsent(DayPartitionLayout.dayOf((Long) row[DemoDataset.EVENT_TIME]),
          d -> new ArrayList<>()).add(row);
    }
    DayPartitionLayout layout = DayPartitionLayout.of(S3Location.parse("s3://" + bucket + "/"),
        EVENTS);
    ParquetSchema schema = ParquetSchema.fromColumnSpecs(DemoDataset.EVENT_COLUMNS);
    inParallel(new ArrayList<>(days.entrySet()), day -> objects.putParquet(bucket,
        layout.partKey(day.getKey(), 0), schema, day.getValue(), storageClass.apply(day.getKey())));
  }

  private void loadRedis() {
    RedisClient client = RedisClient.create("redis://" + stack.redisHost() + ":"
        + stack.redisPort());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      // Pipelined: commands go out without waiting for each reply, then all are awaited.
      RedisAsyncCommands<String, String> redis = connection.async();
      List<RedisFuture<?>> replies = new ArrayList<>();
      for (Object[] s : dataset.sessions(2_000)) {
        String key = "session:" + s[0];
        replies.add(redis.hset(key, Map.of("tenant_id", (String) s[1], "user_id", (String) s[2],
            "started_at", s[3].toString(), "last_seen", s[4].toString(),
            "expires_at", s[5].toString())));
        replies.add(redis.pexpireat(key, (Long) s[5]));
      }
      for (Object[] p : dataset.metricPoints(METRIC_SERIES)) {
        replies.add(redis.zadd("metric:" + p[0], ((Long) p[1]).doubleValue(),
            RedisSortedSetTable.member((Long) p[1], (Double) p[2])));
      }
      if (!LettuceFutures.awaitAll(java.time.Duration.ofMinutes(1),
          replies.toArray(new RedisFuture<?>[0]))) {
        throw new IllegalStateException("Redis at " + stack.redisHost() + ":"
            + stack.redisPort() + " did not acknowledge the demo data within a minute");
      }
    } finally {
      client.shutdown();
    }
  }

  /** How many events went where. */
  public record DemoSummary(int hot, int warm, int cold, TierManifest manifest, long millis) {
    @Override public String toString() {
      return String.format("Demo data: %,d events in DynamoDB (hot, since %s), %,d in S3 Standard"
              + " + Redshift stand-in (warm, since %s), %,d in S3 Glacier classes + Athena"
              + " stand-in (cold, since %s); 2,000 sessions and %d metric series in Redis;"
              + " loaded in %.1f s",
          hot, Instant.ofEpochMilli(manifest.hotFloor()), warm,
          Instant.ofEpochMilli(manifest.warmFloor()), cold,
          Instant.ofEpochMilli(manifest.coldFloor()), METRIC_SERIES.size(), millis / 1000.0);
    }
  }
}
