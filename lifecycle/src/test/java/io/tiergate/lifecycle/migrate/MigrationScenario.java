package io.tiergate.lifecycle.migrate;

import io.tiergate.adapter.dynamodb.DynamoDbItemCodec;
import io.tiergate.adapter.dynamodb.DynamoDbManifestStore;
import io.tiergate.adapter.dynamodb.DynamoDbTableCreator;
import io.tiergate.adapter.dynamodb.DynamoDbTableLayout;
import io.tiergate.adapter.redshift.PostgresParquetLoader;
import io.tiergate.adapter.redshift.WarmTable;
import io.tiergate.adapter.s3.DayPartitionLayout;
import io.tiergate.adapter.s3.S3Location;
import io.tiergate.adapter.s3.S3ObjectInfo;
import io.tiergate.adapter.s3.S3StorageClass;
import io.tiergate.planner.catalog.ColumnSpec;
import io.tiergate.planner.manifest.ColdStorageRun;
import io.tiergate.planner.manifest.Tier;
import io.tiergate.planner.manifest.TierManifest;
import io.tiergate.planner.manifest.TimeSlice;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.calcite.sql.type.SqlTypeName;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * One tiered table with its own DynamoDB table, warm table and S3 prefixes, loaded as if the
 * lifecycle last ran days ago: every transition (hot to warm, warm to cold, colder classes,
 * expiry) has rows or partitions to move now.
 */
final class MigrationScenario {
  static final List<ColumnSpec> COLUMNS = List.of(
      new ColumnSpec("tenant_id", SqlTypeName.VARCHAR),
      new ColumnSpec("event_id", SqlTypeName.VARCHAR),
      new ColumnSpec("event_time", SqlTypeName.TIMESTAMP),
      new ColumnSpec("amount", SqlTypeName.DOUBLE));
  static final String WARM_BUCKET = "lc-warm";
  static final String COLD_BUCKET = "lc-cold";
  private static final long DAY = 86_400_000L;
  /** Ages (days) with data: around each boundary of ADR-002's policy. */
  private static final List<int[]> AGE_RANGES = List.of(new int[] {0, 1},
      new int[] {28, 38}, new int[] {363, 371}, new int[] {727, 733},
      new int[] {1822, 1828}, new int[] {2553, 2561});

  /**
   * A runner's lease: long enough for the checks made while a dead runner still holds it. Tests
   * expire it by giving the next runner a clock past it, never by sleeping.
   */
  static final Duration LEASE = Duration.ofMillis(1500);

  final String name;
  final long now;
  final LifecycleEngines engines;
  final TableLifecycle lifecycle;
  final DynamoDbManifestStore manifests;
  final DynamoDbJobStore jobs;
  final List<Object[]> rows = new ArrayList<>();

  private MigrationScenario(LifecycleEngines engines, String name, long now) {
    this.engines = engines;
    this.name = name;
    this.now = now;
    DynamoDbTableLayout layout = new DynamoDbTableLayout("lc_" + name, "tenant_id",
        "event_time", List.of("tenant_id", "event_id"), COLUMNS);
    ColdSliceStore warmFiles = new ColdSliceStore(engines.objects(),
        DayPartitionLayout.of(S3Location.parse("s3://" + WARM_BUCKET + "/"), name), COLUMNS,
        ClassChanger.REWRITE);
    WarmSliceStore warm = new WarmSliceStore(engines.warm(),
        new WarmTable("lc." + name, "event_time", COLUMNS,
            List.of("tenant_id", "event_id")), warmFiles,
        new PostgresParquetLoader(engines.warm(), engines.objects()));
    ColdSliceStore cold = new ColdSliceStore(engines.objects(),
        DayPartitionLayout.of(S3Location.parse("s3://" + COLD_BUCKET + "/"), name), COLUMNS,
        ClassChanger.REWRITE);
    this.lifecycle = new TableLifecycle(name, COLUMNS,
        List.of("tenant_id", "event_id"), "event_time",
        new HotSliceStore(engines.dynamoClient(), layout), warm, cold, LifecyclePolicy.ADR_002);
    this.manifests = new DynamoDbManifestStore(engines.dynamoClient(), "lc_control");
    this.jobs = new DynamoDbJobStore(engines.dynamoClient(), "lc_control");
  }

  static MigrationScenario create(LifecycleEngines engines, String name, long now) {
    MigrationScenario s = new MigrationScenario(engines, name, now);
    s.load();
    return s;
  }

  /** The manifest as the lifecycle would have left it six days ago, boundaries off midnight. */
  TierManifest initialManifest() {
    long coldFloor = now - 2560 * DAY - 3_600_000;
    long warmFloor = now - 369 * DAY - 3_600_000;
    long hotFloor = now - 35 * DAY - 3_600_000;
    LifecyclePolicy policy = LifecyclePolicy.ADR_002;
    List<ColdStorageRun> runs = new ArrayList<>();
    long earlier = now - 6 * DAY;
    for (LocalDate day = LifecyclePolicy.day(coldFloor); LifecyclePolicy.startOf(day)
        < warmFloor; day = day.plusDays(1)) {
      long end = LifecyclePolicy.startOf(day.plusDays(1));
      S3StorageClass c = policy.coldClass(end, earlier);
      runs.add(ColdStorageRun.of(LifecyclePolicy.startOf(day), end, c.awsName(),
          c.requiresRestore()));
    }
    TierManifest m = new TierManifest(name, 1, coldFloor, warmFloor, hotFloor, List.of());
    // withColdClass merges runs of one class; it bumps the version, so start from 0.
    m = new TierManifest(name, 0, coldFloor, warmFloor, hotFloor, List.of());
    for (ColdStorageRun r : runs) {
      m = m.withColdClass(r.slice(), r.storageClass(), r.needsRestore());
    }
    return new TierManifest(name, 1, coldFloor, warmFloor, hotFloor, m.coldRuns());
  }

  private void load() {
    TierManifest m = initialManifest();
    int n = 0;
    for (int[] range : AGE_RANGES) {
      for (int age = range[0]; age <= range[1]; age++) {
        long dayStart = LifecyclePolicy.startOf(LifecyclePolicy.day(now - age * DAY));
        for (long at : new long[] {dayStart + 5 * 3_600_000L + n, dayStart + 17 * 3_600_000L}) {
          if (at < now && m.tierOf(at) != null) {
            rows.add(new Object[] {"t" + (n % 3), "e" + n, at, n * 1.5});
          }
          n++;
        }
      }
    }
    Map<Tier, List<Object[]>> byTier = new TreeMap<>();
    for (Object[] row : rows) {
      byTier.computeIfAbsent(m.tierOf((Long) row[2]), t -> new ArrayList<>()).add(row);
    }
    putHot(byTier.getOrDefault(Tier.HOT, List.of()));
    try (Connection c = engines.warm().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS lc");
      s.execute("CREATE TABLE lc." + name + " (tenant_id varchar(64) NOT NULL, event_id "
          + "varchar(64) NOT NULL, event_time timestamp(3) NOT NULL, amount double precision, "
          + "PRIMARY KEY (tenant_id, event_id))");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    byDay(byTier.getOrDefault(Tier.WARM, List.of())).forEach((day, dayRows) ->
        lifecycle.warm().writeAndLoad(day, 0, dayRows));
    byDay(byTier.getOrDefault(Tier.COLD, List.of())).forEach((day, dayRows) ->
        lifecycle.cold().write(day, 0, dayRows, S3StorageClass.fromAws(classOf(m, day))));
    manifests.createTableIfMissing();
    manifests.write(m);
  }

  void putHot(List<Object[]> hotRows) {
    DynamoDbTableLayout layout = lifecycle.hot().layout();
    new DynamoDbTableCreator(engines.dynamoClient()).createIfMissing(layout);
    DynamoDbItemCodec codec = new DynamoDbItemCodec(layout);
    for (int i = 0; i < hotRows.size(); i += 25) {
      List<WriteRequest> batch = hotRows.subList(i, Math.min(hotRows.size(), i + 25)).stream()
          .map(r -> WriteRequest.builder().putRequest(PutRequest.builder()
              .item(codec.toItem(r)).build()).build()).toList();
      Map<String, List<WriteRequest>> pending = Map.of(layout.tableName(), batch);
      while (!pending.isEmpty()) {
        Map<String, List<WriteRequest>> request = pending;
        var response = engines.dynamoClient().batchWriteItem(b -> b.requestItems(request));
        pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
      }
    }
  }

  private static String classOf(TierManifest m, LocalDate day) {
    long start = LifecyclePolicy.startOf(day);
    return m.coldRuns().stream().filter(r -> r.slice().contains(start)
            || r.slice().contains(start + DAY - 1)).findFirst().orElseThrow().storageClass();
  }

  private static Map<LocalDate, List<Object[]>> byDay(List<Object[]> rows) {
    Map<LocalDate, List<Object[]>> days = new TreeMap<>();
    rows.forEach(r -> days.computeIfAbsent(LifecyclePolicy.day((Long) r[2]),
        d -> new ArrayList<>()).add(r));
    return days;
  }

  MigrationRunner runner(String owner, ActiveQueries queries, StepHook hook) {
    return runner(owner, queries, hook, MigrationMeters.NONE);
  }

  MigrationRunner runner(String owner, ActiveQueries queries, StepHook hook,
      MigrationMeters meters) {
    return runner(owner, Clock.systemUTC(), queries, hook, meters);
  }

  /** A runner on {@code clock}: a test moves it to expire a lease instead of sleeping. */
  MigrationRunner runner(String owner, Clock clock, StepHook hook) {
    return runner(owner, clock, ActiveQueries.NONE, hook, MigrationMeters.NONE);
  }

  private MigrationRunner runner(String owner, Clock clock, ActiveQueries queries,
      StepHook hook, MigrationMeters meters) {
    return new MigrationRunner(jobs, manifests, Map.of(name, lifecycle), queries, clock, owner,
        new MigrationRunner.Settings(LEASE, Duration.ZERO, Duration.ofSeconds(20)), hook,
        meters);
  }

  /** Every row and object each store holds, whatever the manifest shows. */
  StoresContent storesContent() {
    // Finite ends: the warm store sends them as SQL timestamps.
    TimeSlice all = new TimeSlice(0, now + 365 * DAY);
    return new StoresContent(manifests.current(name),
        lifecycle.checksum(lifecycle.hot().rows(all)),
        lifecycle.checksum(lifecycle.warm().rows(all)),
        lifecycle.warm().files().objects(all).stream().map(S3ObjectInfo::uri).sorted().toList(),
        lifecycle.cold().objects(all).stream().map(o -> o.uri() + " " + o.storageClass())
            .sorted().toList());
  }

  /** What {@link #storesContent} found: equal twice means nobody wrote in between. */
  record StoresContent(TierManifest manifest, RowChecksum hot, RowChecksum warm,
      List<String> warmFiles, List<String> coldObjects) {
  }

  /**
   * What a query over all time sees: each tier read through the manifest's slice of it, as the
   * gateway's plans do (the cold tier straight from its Parquet, as Athena would).
   */
  RowChecksum visible() {
    return visible(manifests.current(name));
  }

  RowChecksum visible(TierManifest m) {
    List<Object[]> seen = new ArrayList<>(lifecycle.hot().rows(m.slice(Tier.HOT)));
    seen.addAll(lifecycle.warm().rows(m.slice(Tier.WARM)));
    seen.addAll(coldRows(m.slice(Tier.COLD)));
    return lifecycle.checksum(seen);
  }

  List<Object[]> coldRows(TimeSlice slice) {
    List<Object[]> out = new ArrayList<>();
    for (S3ObjectInfo o : lifecycle.cold().objects(slice)) {
      engines.objects().readParquet(o.bucket(), o.key()).stream()
          .filter(r -> slice.contains((Long) r[2])).forEach(out::add);
    }
    return out;
  }

  /** The rows a correct gateway shows under manifest {@code m}: all not expired. */
  RowChecksum expected(TierManifest m) {
    return lifecycle.checksum(rows.stream().filter(r -> (Long) r[2] >= m.coldFloor()).toList());
  }

  int rowCount() {
    return rows.size();
  }

  static List<Integer> indexes(int n) {
    return IntStream.range(0, n).boxed().toList();
  }
}
