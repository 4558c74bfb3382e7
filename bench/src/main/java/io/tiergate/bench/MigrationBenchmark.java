package io.tiergate.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tiergate.adapter.StoreRequests;
import io.tiergate.adapter.dynamodb.DynamoDbClientFactory;
import io.tiergate.adapter.dynamodb.DynamoDbItemCodec;
import io.tiergate.adapter.dynamodb.DynamoDbManifestStore;
import io.tiergate.adapter.dynamodb.DynamoDbTableCreator;
import io.tiergate.adapter.dynamodb.DynamoDbTableLayout;
import io.tiergate.adapter.redshift.PostgresParquetLoader;
import io.tiergate.adapter.redshift.RedshiftConnectionFactory;
import io.tiergate.adapter.redshift.WarmTable;
import io.tiergate.adapter.s3.DayPartitionLayout;
import io.tiergate.adapter.s3.S3ClientFactory;
import io.tiergate.adapter.s3.S3ClientSettings;
import io.tiergate.adapter.s3.S3Location;
import io.tiergate.adapter.s3.S3ObjectStore;
import io.tiergate.lifecycle.migrate.ActiveQueries;
import io.tiergate.lifecycle.migrate.ClassChanger;
import io.tiergate.lifecycle.migrate.ColdSliceStore;
import io.tiergate.lifecycle.migrate.DynamoDbJobStore;
import io.tiergate.lifecycle.migrate.HotSliceStore;
import io.tiergate.lifecycle.migrate.LifecyclePolicy;
import io.tiergate.lifecycle.migrate.MigrationJob;
import io.tiergate.lifecycle.migrate.MigrationRunner;
import io.tiergate.lifecycle.migrate.Step;
import io.tiergate.lifecycle.migrate.StepHook;
import io.tiergate.lifecycle.migrate.TableLifecycle;
import io.tiergate.lifecycle.migrate.WarmSliceStore;
import io.tiergate.local.DynamoDbLocalStandIn;
import io.tiergate.local.PostgresStandIn;
import io.tiergate.local.S3StandIn;
import io.tiergate.local.demo.DemoDataset;
import io.tiergate.planner.catalog.ColumnSpec;
import io.tiergate.planner.manifest.TierManifest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Hot to warm throughput: a migration of N aged rows (DynamoDB to Parquet on S3 to the Redshift
 * stand-in, verified, flipped, deleted from DynamoDB) against a raw parallel Scan of the same
 * slice with the SDK, in one run on the same engines. The rows are moved once the manifest
 * flipped and drained; the DELETE after it is measured apart, against raw SDK deletes, because
 * DynamoDB Local deletes several times slower than it scans. {@code bench/run migration
 * [--rows N]}.
 */
public final class MigrationBenchmark {
  private static final long DAY = 86_400_000L;
  private static final int ROUNDS = 3;
  private static final boolean STREAMS = Boolean.getBoolean("tiergate.bench.streams");

  public static void main(String[] args) throws Exception {
    int rows = BenchGateway.rowsOption(args, 50_000);
    Path dir = Path.of("bench", "target", "migration").toAbsolutePath();
    BenchGateway.deleteRecursively(dir);
    Targets targets = new Targets();
    try (DynamoDbLocalStandIn dynamo = DynamoDbLocalStandIn.start(dir.resolve("dynamodb"));
        S3StandIn s3 = S3StandIn.start(dir.resolve("s3"));
        PostgresStandIn postgres = PostgresStandIn.start(dir.resolve("postgres"))) {
      StoreRequests requests = new StoreRequests(new SimpleMeterRegistry());
      DynamoDbClient client = DynamoDbClientFactory.create(dynamo.endpoint(), "us-east-1",
          "local", "local", requests, "dynamodb");
      S3ObjectStore objects = new S3ObjectStore(S3ClientFactory.create(S3ClientSettings.local(
          s3.endpoint().endpoint(), s3.endpoint().accessKey(), s3.endpoint().secretKey())));
      DataSource warm = RedshiftConnectionFactory.forUrl(postgres.jdbcUrl() + "?"
          + "reWriteBatchedInserts=true", null).pooled("redshift", postgres.user(),
          postgres.password(), requests, postgres.jdbcUrl());
      DynamoDbManifestStore manifests = new DynamoDbManifestStore(client, "control");
      manifests.createTableIfMissing();
      objects.createBucketIfMissing("warm");
      long now = System.currentTimeMillis();
      long hotFloor = LifecyclePolicy.ADR_002.hotFloor(now) - 5 * DAY;

      // A first migration of another table warms the JVM (Parquet, the loader, JIT),
      // as a gateway that migrates on a schedule is; the raw scans warm the SDK the same way.
      Migration warmUp = migrate("warmup_events", rows, client, objects, warm, manifests,
          hotFloor, now, false);
      // Three rounds, each a fresh table scanned raw three times then migrated: one scan or
      // one migration on a shared 2-core machine swings by up to 2x, medians do not.
      List<Migration> rounds = new ArrayList<>();
      for (int round = 1; round <= ROUNDS; round++) {
        rounds.add(migrate("events_" + round, rows, client, objects, warm, manifests, hotFloor,
            now, true));
      }
      double scanRate = median(rounds.stream().flatMap(r -> r.scanRates().stream()).toList());
      double moveRate = median(rounds.stream().map(r -> rows / r.moveSeconds()).toList());
      double jobRate = median(rounds.stream().map(r -> rows / r.jobSeconds()).toList());
      double deleteRate = median(rounds.stream()
          .map(r -> rows / (r.jobSeconds() - r.moveSeconds())).toList());

      // DELETE's own baseline: the same number of rows deleted straight with the SDK, in
      // BatchWriteItem requests of 25, 8 at a time, from a copy of the table.
      DynamoDbTableLayout scratch = new DynamoDbTableLayout("events_scratch", "tenant_id",
          "event_time", List.of("tenant_id", "event_id"), DemoDataset.EVENT_COLUMNS);
      List<Map<String, AttributeValue>> keys = load(client, scratch, rows, hotFloor, now);
      long deleteStart = System.nanoTime();
      rawDelete(client, scratch, keys);
      double rawDeleteRate = keys.size() / ((System.nanoTime() - deleteStart) / 1e9);

      System.out.printf("Hot to warm, %,d rows over 5 days, %d rounds%n", rows, ROUNDS);
      System.out.printf("  raw DynamoDB Scan (SDK, 4 segments, consistent), median of %d:"
          + " %,.0f rows/s (runs: %s)%n", ROUNDS * 3, scanRate, rates(rounds.stream()
              .flatMap(r -> r.scanRates().stream()).toList()));
      System.out.printf("  warm-up migration of %,d rows (another table, first in this JVM):"
          + " %.2f s = %,.0f rows/s until moved%n", warmUp.rows(), warmUp.moveSeconds(),
          warmUp.rows() / warmUp.moveSeconds());
      System.out.printf("  migration until moved (scan, Parquet to S3, load, verify, flip,"
          + " drain), median: %,.0f rows/s (runs: %s)%n", moveRate, rates(rounds.stream()
              .map(r -> rows / r.moveSeconds()).toList()));
      targets.add("moved_rows_per_second_vs_raw_scan", moveRate / scanRate,
          Targets.Goal.AT_LEAST, 0.5, "x");
      System.out.printf("    ratio moved / raw scan: %.2fx (target >= 0.5x: %s)%n",
          moveRate / scanRate, targets.verdict("moved_rows_per_second_vs_raw_scan"));
      System.out.printf("  DELETE of the moved rows from DynamoDB, median: %,.0f rows/s;"
          + " raw SDK BatchWriteItem deletes: %,.0f rows/s: %.2fx%n", deleteRate, rawDeleteRate,
          deleteRate / rawDeleteRate);
      System.out.printf("  whole job including DELETE, median: %,.0f rows/s = %.2fx the raw"
          + " scan (DynamoDB Local's raw deletes run at %.2fx its raw scan)%n", jobRate,
          jobRate / scanRate, rawDeleteRate / scanRate);
      objects.client().close();
      client.close();
      warm.unwrap(AutoCloseable.class).close();
    }
    targets.print();
  }

  private record Migration(long rows, double moveSeconds, double jobSeconds,
      List<Double> scanRates) {
  }

  /**
   * Loads {@code rows} aged rows into a new hot table and its empty warm table, then migrates
   * them; with {@code baseline}, first scans the same slice raw three times.
   */
  private static Migration migrate(String table, int rows, DynamoDbClient client,
      S3ObjectStore objects, DataSource warm, DynamoDbManifestStore manifests, long hotFloor,
      long now, boolean baseline) throws Exception {
    List<ColumnSpec> columns = DemoDataset.EVENT_COLUMNS;
    DynamoDbTableLayout layout = new DynamoDbTableLayout(table, "tenant_id", "event_time",
        List.of("tenant_id", "event_id"), columns);
    load(client, layout, rows, hotFloor, now);
    try (Connection c = warm.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS analytics");
      s.execute("CREATE TABLE analytics." + table + " (tenant_id varchar(64) NOT NULL, event_id "
          + "varchar(64) NOT NULL, event_time timestamp(3) NOT NULL, kind varchar(32), amount "
          + "double precision, user_id varchar(64), region varchar(32), "
          + "PRIMARY KEY (tenant_id, event_id))");
    }
    manifests.write(new TierManifest(table, 1, now - 2000 * DAY, now - 300 * DAY, hotFloor));
    TableLifecycle lifecycle = new TableLifecycle(table, columns,
        List.of("tenant_id", "event_id"),
        "event_time", new HotSliceStore(client, layout), new WarmSliceStore(warm,
            new WarmTable("analytics." + table, "event_time", columns,
                List.of("tenant_id", "event_id")), new ColdSliceStore(
                objects, DayPartitionLayout.of(S3Location.parse("s3://warm/"), table),
                columns, ClassChanger.REWRITE), new PostgresParquetLoader(warm, objects)),
        null, LifecyclePolicy.ADR_002);

    // The same slice, read as fast as the SDK reads it: 4 parallel segments, consistent.
    long sliceEnd = LifecyclePolicy.ADR_002.hotFloor(now);
    List<Double> scanRates = new ArrayList<>();
    for (int i = 0; baseline && i < 3; i++) {
      long scanStart = System.nanoTime();
      long scanned = rawScan(client, layout, hotFloor, sliceEnd);
      if (scanned != rows) {
        throw new IllegalStateException("The raw scan of " + table + " found " + scanned
            + " rows of " + rows);
      }
      scanRates.add(scanned / ((System.nanoTime() - scanStart) / 1e9));
    }

    // A step hook marks when the rows are moved: served from warm, their hot copies hidden
    // by the manifest; the DELETE that follows only frees DynamoDB's storage.
    AtomicLong movedAt = new AtomicLong();
    StepHook moved = new StepHook() {
      @Override public void before(MigrationJob job, Step step) {
        if (step == Step.DELETE) {
          movedAt.set(System.nanoTime());
        }
      }
    };
    MigrationRunner runner = new MigrationRunner(new DynamoDbJobStore(client, "control"),
        manifests, Map.of(table, lifecycle), ActiveQueries.NONE, Clock.systemUTC(),
        "bench", new MigrationRunner.Settings(Duration.ofMinutes(5), Duration.ZERO,
            Duration.ofMinutes(1)), moved);
    long migrateStart = System.nanoTime();
    List<MigrationJob> jobs = runner.migrate(table, false);
    long migrateEnd = System.nanoTime();
    long migrated = jobs.stream().mapToLong(MigrationJob::rowsDone).sum();
    if (migrated != rows) {
      throw new IllegalStateException("The migration of " + table + " moved " + migrated
          + " rows of " + rows);
    }
    return new Migration(migrated, (movedAt.get() - migrateStart) / 1e9,
        (migrateEnd - migrateStart) / 1e9, scanRates);
  }

  /**
   * N rows spread over the five days before the hot tier's policy boundary; returns their keys.
   * The table has no stream unless {@code -Dtiergate.bench.streams=true}: DynamoDB Local
   * writes each stream record in its single SQLite thread at a cost growing with the stream,
   * which made its writes slow down as the run went on; DynamoDB's streams cost writes nothing.
   */
  private static List<Map<String, AttributeValue>> load(DynamoDbClient client,
      DynamoDbTableLayout layout, int rows, long from, long now) {
    new DynamoDbTableCreator(client).createIfMissing(layout, STREAMS);
    DynamoDbItemCodec codec = new DynamoDbItemCodec(layout);
    List<List<WriteRequest>> batches = new ArrayList<>();
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    List<WriteRequest> batch = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      Object[] row = {"tenant-" + (i % 50), "e" + i, from + (long) i * (5 * DAY / rows),
          "purchase", i * 0.25, "user-" + (i % 997), "eu-west-1"};
      Map<String, AttributeValue> item = codec.toItem(row);
      keys.add(Map.of(layout.partitionKey(), item.get(layout.partitionKey()),
          DynamoDbTableLayout.SORT_KEY, item.get(DynamoDbTableLayout.SORT_KEY)));
      batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build())
          .build());
      if (batch.size() == 25) {
        batches.add(batch);
        batch = new ArrayList<>();
      }
    }
    if (!batch.isEmpty()) {
      batches.add(batch);
    }
    batches.parallelStream().forEach(b -> write(client, layout, b));
    return keys;
  }

  private static void write(DynamoDbClient client, DynamoDbTableLayout layout,
      List<WriteRequest> batch) {
    Map<String, List<WriteRequest>> pending = Map.of(layout.tableName(), batch);
    while (!pending.isEmpty()) {
      Map<String, List<WriteRequest>> request = pending;
      var response = client.batchWriteItem(r -> r.requestItems(request));
      pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
    }
  }

  /** Deletes by key, 25 per request, 8 requests at a time: what HotSliceStore does. */
  private static void rawDelete(DynamoDbClient client, DynamoDbTableLayout layout,
      List<Map<String, AttributeValue>> keys) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int i = 0; i < keys.size(); i += 25) {
      List<WriteRequest> batch = keys.subList(i, Math.min(keys.size(), i + 25)).stream()
          .map(key -> WriteRequest.builder().deleteRequest(d -> d.key(key)).build()).toList();
      pool.execute(() -> write(client, layout, batch));
    }
    pool.shutdown();
    if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("raw deletes did not finish in 10 minutes");
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static String rates(List<Double> values) {
    return String.join(", ", values.stream().map(v -> String.format("%,.0f", v)).toList());
  }

  private static long rawScan(DynamoDbClient client, DynamoDbTableLayout layout, long from,
      long to) {
    AtomicLong count = new AtomicLong();
    IntStream.range(0, 4).parallel().forEach(segment -> client.scanPaginator(b -> b
            .tableName(layout.tableName()).segment(segment).totalSegments(4).consistentRead(true)
            .filterExpression("#t >= :from AND #t < :to")
            .expressionAttributeNames(Map.of("#t", "event_time"))
            .expressionAttributeValues(Map.of(":from", AttributeValue.fromN(Long.toString(from)),
                ":to", AttributeValue.fromN(Long.toString(to)))))
        .items().forEach(item -> count.incrementAndGet()));
    return count.get();
  }
}
