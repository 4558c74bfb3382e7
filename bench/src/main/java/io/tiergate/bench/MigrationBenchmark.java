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
 * slice with the SDK, in one run on the same engines. {@code bench/run migration [--rows N]}.
 */
public final class MigrationBenchmark {
  private static final long DAY = 86_400_000L;

  public static void main(String[] args) throws Exception {
    int rows = BenchGateway.rowsOption(args, 50_000);
    Path dir = Path.of("bench", "target", "migration").toAbsolutePath();
    BenchGateway.deleteRecursively(dir);
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
      List<ColumnSpec> columns = DemoDataset.EVENT_COLUMNS;
      DynamoDbTableLayout layout = new DynamoDbTableLayout("events", "tenant_id", "event_time",
          List.of("tenant_id", "event_id"), columns);
      long now = System.currentTimeMillis();
      long hotFloor = LifecyclePolicy.ADR_002.hotFloor(now) - 5 * DAY;
      load(client, layout, rows, hotFloor, now);
      try (Connection c = warm.getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA analytics");
        s.execute("CREATE TABLE analytics.events (tenant_id varchar(64) NOT NULL, event_id "
            + "varchar(64) NOT NULL, event_time timestamp(3) NOT NULL, kind varchar(32), amount "
            + "double precision, user_id varchar(64), region varchar(32), "
            + "PRIMARY KEY (tenant_id, event_id))");
      }
      DynamoDbManifestStore manifests = new DynamoDbManifestStore(client, "control");
      manifests.createTableIfMissing();
      manifests.write(new TierManifest("events", 1, now - 2000 * DAY, now - 300 * DAY,
          hotFloor));
      TableLifecycle lifecycle = new TableLifecycle("events",
          columns.stream().map(ColumnSpec::name).toList(), List.of("tenant_id", "event_id"),
          "event_time", new HotSliceStore(client, layout), new WarmSliceStore(warm,
              new WarmTable("analytics.events", "event_time", columns), new ColdSliceStore(
                  objects, DayPartitionLayout.of(S3Location.parse("s3://warm/"), "events"),
                  columns, ClassChanger.REWRITE), new PostgresParquetLoader(warm, objects)),
          null, LifecyclePolicy.ADR_002);
      objects.createBucketIfMissing("warm");

      // The same slice, read as fast as the SDK reads it: 4 parallel segments, consistent.
      long scanStart = System.nanoTime();
      long scanned = rawScan(client, layout, hotFloor, LifecyclePolicy.ADR_002.hotFloor(now));
      double scanSeconds = (System.nanoTime() - scanStart) / 1e9;

      MigrationRunner runner = new MigrationRunner(new DynamoDbJobStore(client, "control"),
          manifests, Map.of("events", lifecycle), ActiveQueries.NONE, Clock.systemUTC(),
          "bench", new MigrationRunner.Settings(Duration.ofMinutes(5), Duration.ZERO,
              Duration.ofMinutes(1)), StepHook.NONE);
      long migrateStart = System.nanoTime();
      List<MigrationJob> jobs = runner.migrate("events", false);
      double migrateSeconds = (System.nanoTime() - migrateStart) / 1e9;
      long moved = jobs.stream().mapToLong(MigrationJob::rowsDone).sum();

      System.out.printf("Hot to warm, %,d rows over 5 days%n", moved);
      System.out.printf("  raw DynamoDB Scan (SDK, 4 segments): %,d rows in %.2f s = %,.0f rows/s%n",
          scanned, scanSeconds, scanned / scanSeconds);
      System.out.printf("  migration (scan, Parquet to S3, load, verify, flip, delete):"
          + " %,d rows in %.2f s = %,.0f rows/s%n", moved, migrateSeconds,
          moved / migrateSeconds);
      System.out.printf("  ratio migration / raw scan: %.2fx (target >= 0.5x)%n",
          (moved / migrateSeconds) / (scanned / scanSeconds));
      objects.client().close();
      client.close();
      warm.unwrap(AutoCloseable.class).close();
    }
  }

  /** N rows spread over the five days before the hot tier's policy boundary. */
  private static void load(DynamoDbClient client, DynamoDbTableLayout layout, int rows,
      long from, long now) {
    new DynamoDbTableCreator(client).createIfMissing(layout);
    DynamoDbItemCodec codec = new DynamoDbItemCodec(layout);
    List<List<WriteRequest>> batches = new ArrayList<>();
    List<WriteRequest> batch = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      Object[] row = {"tenant-" + (i % 50), "e" + i, from + (long) i * (5 * DAY / rows),
          "purchase", i * 0.25, "user-" + (i % 997), "eu-west-1"};
      batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(codec.toItem(row))
          .build()).build());
      if (batch.size() == 25) {
        batches.add(batch);
        batch = new ArrayList<>();
      }
    }
    if (!batch.isEmpty()) {
      batches.add(batch);
    }
    batches.parallelStream().forEach(b -> {
      Map<String, List<WriteRequest>> pending = Map.of(layout.tableName(), b);
      while (!pending.isEmpty()) {
        Map<String, List<WriteRequest>> request = pending;
        var response = client.batchWriteItem(r -> r.requestItems(request));
        pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
      }
    });
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
