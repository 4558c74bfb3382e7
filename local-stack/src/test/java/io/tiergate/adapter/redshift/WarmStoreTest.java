package io.tiergate.adapter.redshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tiergate.adapter.StoreRequests;
import io.tiergate.adapter.redshift.RedshiftConnectionFactory.Engine;
import io.tiergate.adapter.jdbc.DemoOnce;
import io.tiergate.adapter.s3.DayPartitionLayout;
import io.tiergate.adapter.s3.ParquetRowReader;
import io.tiergate.adapter.s3.S3ObjectInfo;
import io.tiergate.adapter.s3.ParquetSchema;
import io.tiergate.adapter.s3.S3ClientFactory;
import io.tiergate.adapter.s3.S3ClientSettings;
import io.tiergate.adapter.s3.S3Location;
import io.tiergate.adapter.s3.S3ObjectStore;
import io.tiergate.adapter.s3.S3StorageClass;
import io.tiergate.local.LocalStack;
import io.tiergate.local.LocalStackExtension;
import io.tiergate.local.S3Endpoint;
import io.tiergate.local.demo.DemoLoader;
import io.tiergate.planner.catalog.ColumnSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The warm store's local path against the real engines: Parquet on S3Proxy loaded into the
 * PostgreSQL stand-in by {@link PostgresParquetLoader}, connections from
 * {@link RedshiftConnectionFactory} (pgjdbc, no query group), and a materialized daily
 * aggregate created and refreshed. Each test uses its own table.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WarmStoreTest {
  private static final String BUCKET = "tiergate-warm-test";
  private static final List<ColumnSpec> COLUMNS = List.of(
      new ColumnSpec("tenant_id", SqlTypeName.VARCHAR),
      new ColumnSpec("event_id", SqlTypeName.VARCHAR),
      new ColumnSpec("event_time", SqlTypeName.TIMESTAMP),
      new ColumnSpec("kind", SqlTypeName.VARCHAR),
      new ColumnSpec("amount", SqlTypeName.DOUBLE));
  private static final LocalDate DAY = LocalDate.of(2026, 3, 14);

  private LocalStack stack;
  private S3Client s3;
  private S3ObjectStore objects;
  private DataSource postgres;

  @BeforeAll void connect(LocalStack stack) {
    this.stack = stack;
    S3Endpoint endpoint = stack.s3Endpoint();
    s3 = S3ClientFactory.create(S3ClientSettings.local(endpoint.endpoint(), endpoint.accessKey(),
        endpoint.secretKey()));
    objects = new S3ObjectStore(s3);
    objects.createBucketIfMissing(BUCKET);
    postgres = RedshiftConnectionFactory.forUrl(stack.postgresJdbcUrl()
            + "?reWriteBatchedInserts=true", "dashboards")
        .pooled("redshift", stack.postgresUser(), stack.postgresPassword(),
            new StoreRequests(new SimpleMeterRegistry()), "postgres");
  }

  @AfterAll void close() throws Exception {
    postgres.unwrap(AutoCloseable.class).close();
    s3.close();
  }

  private WarmTable table(String name) throws SQLException {
    execute("CREATE SCHEMA IF NOT EXISTS warmtest");
    execute("CREATE TABLE warmtest." + name + " (tenant_id varchar(64) NOT NULL,"
        + " event_id varchar(64) NOT NULL, event_time timestamp(3) NOT NULL, kind varchar(32),"
        + " amount double precision, PRIMARY KEY (tenant_id, event_id))");
    return new WarmTable("warmtest." + name, "event_time", COLUMNS);
  }

  private DayPartitionLayout layout(String table) {
    return DayPartitionLayout.of(S3Location.parse("s3://" + BUCKET + "/"), table);
  }

  /** {@code count} events of a day, one a ~7 s apart from midnight, amounts i/100. */
  private static List<Object[]> events(LocalDate day, String prefix, int count) {
    long midnight = day.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    String[] kinds = {"view", "click", "purchase"};
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(new Object[] {"tenant-" + (i % 7), prefix + i, midnight + i * 7_001L % 86_400_000L,
          kinds[i % 3], i % 3 == 2 ? i / 100.0 : null});
    }
    return rows;
  }

  private void put(DayPartitionLayout layout, LocalDate day, int part, List<Object[]> rows) {
    objects.putParquet(BUCKET, layout.partKey(day, part), ParquetSchema.fromColumnSpecs(COLUMNS),
        rows, S3StorageClass.STANDARD);
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = postgres.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private List<String> query(String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = postgres.getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  @Test void loadsADayOfParquetFromS3AndRepeatsIdempotently() throws SQLException {
    WarmTable table = table("loaded");
    DayPartitionLayout layout = layout("loaded");
    List<Object[]> part0 = events(DAY, "a", 7_000);
    List<Object[]> part1 = events(DAY, "b", 5_500);
    put(layout, DAY, 0, part0);
    put(layout, DAY, 1, part1);
    // A writer's marker next to the data: not Parquet, not loaded.
    objects.put(BUCKET, layout.dayPrefix(DAY) + "_SUCCESS", new byte[0],
        S3StorageClass.STANDARD);
    // What the table held before: a stale row in the slice, and one of the next day.
    execute("INSERT INTO warmtest.loaded VALUES ('tenant-0', 'stale', '2026-03-14 12:00:00',"
        + " 'view', NULL), ('tenant-0', 'next-day', '2026-03-15 00:00:00', 'view', NULL)");

    WarmLoader loader = new PostgresParquetLoader(postgres, objects);
    WarmSlice slice = WarmSlice.day(table, layout, DAY);
    WarmLoader.WarmLoadResult first = loader.load(slice);

    assertThat(first).isEqualTo(new WarmLoader.WarmLoadResult(1, 12_500, 2));
    String summary = "SELECT count(*), count(DISTINCT event_id), sum(amount),"
        + " min(event_time), max(event_time) FROM warmtest.loaded"
        + " WHERE event_time >= '2026-03-14' AND event_time < '2026-03-15'";
    double expectedSum = 0;
    for (List<Object[]> part : List.of(part0, part1)) {
      for (Object[] row : part) {
        expectedSum += row[4] == null ? 0 : (Double) row[4];
      }
    }
    List<String> loaded = query(summary);
    assertThat(loaded.get(0)).startsWith("12500|12500|");
    assertThat(Double.parseDouble(loaded.get(0).split("\\|")[2])).isCloseTo(expectedSum,
        org.assertj.core.data.Offset.offset(1e-6));
    assertThat(query("SELECT event_id FROM warmtest.loaded WHERE event_id IN"
        + " ('stale', 'next-day', 'a0', 'b5499') ORDER BY event_id"))
        .containsExactly("a0", "b5499", "next-day");

    WarmLoader.WarmLoadResult again = loader.load(slice);
    assertThat(again).isEqualTo(new WarmLoader.WarmLoadResult(12_500, 12_500, 2));
    assertThat(query(summary)).isEqualTo(loaded);
    assertThat(query("SELECT count(*) FROM warmtest.loaded")).containsExactly("12501");
  }

  @Test void textThatCsvMustQuoteArrivesUnchanged() throws SQLException {
    WarmTable table = table("quoted");
    DayPartitionLayout layout = layout("quoted");
    long noon = DAY.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli() + 43_200_123L;
    List<Object[]> rows = List.of(
        new Object[] {"t,1", "say \"hi\"", noon, "", 1.0E-7},
        new Object[] {"t\n2", "\\N", noon + 1, null, null},
        new Object[] {"tänant", "\"", noon + 2, "a,\"b\"\r\n", -0.5});
    put(layout, DAY, 0, rows);

    new PostgresParquetLoader(postgres, objects).load(WarmSlice.day(table, layout, DAY));

    assertThat(query("SELECT tenant_id, event_id, event_time, coalesce(kind, '<null>'),"
        + " amount FROM warmtest.quoted ORDER BY event_time")).containsExactly(
        "t,1|say \"hi\"|2026-03-14 12:00:00.123||1e-07",
        "t\n2|\\N|2026-03-14 12:00:00.124|<null>|null",
        "tänant|\"|2026-03-14 12:00:00.125|a,\"b\"\r\n|-0.5");
  }

  @Test void aKeyInSeveralFilesOfADayKeepsTheNewestFilesRow() throws SQLException {
    WarmTable plain = table("merged");
    WarmTable table = new WarmTable(plain.name(), plain.timeColumn(), plain.columns(),
        List.of("tenant_id", "event_id"));
    DayPartitionLayout layout = layout("merged");
    long noon = DAY.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli() + 43_200_000L;
    put(layout, DAY, 0, List.of(new Object[] {"t1", "a", noon, "view", 1.0},
        new Object[] {"t1", "b", noon + 1, "view", 2.0}));
    // Written again after the day moved: "a" with a new amount, "b" at a new time; "c" is new.
    put(layout, DAY, 3, List.of(new Object[] {"t1", "a", noon, "view", 10.0},
        new Object[] {"t1", "b", noon + 5, "click", 20.0},
        new Object[] {"t1", "c", noon + 2, "view", 3.0}));
    // Part 12 sorts before part 3 by name: the order is by part number, newest last.
    put(layout, DAY, 12, List.<Object[]>of(new Object[] {"t1", "a", noon, "view", 100.0}));
    WarmSlice day = WarmSlice.day(table, layout, DAY).withFiles(List.of(
        layout.partKey(DAY, 0), layout.partKey(DAY, 3), layout.partKey(DAY, 12)));

    WarmLoader.WarmLoadResult result = new PostgresParquetLoader(postgres, objects).load(day);

    assertThat(result.rowsLoaded()).isEqualTo(3);
    assertThat(query("SELECT event_id, event_time, kind, amount FROM warmtest.merged"
        + " ORDER BY event_id")).containsExactly(
        "a|2026-03-14 12:00:00|view|100",
        "b|2026-03-14 12:00:00.005|click|20",
        "c|2026-03-14 12:00:00.002|view|3");
    // Without a key, the files load as they are: the table's primary key refuses the copies.
    assertThatThrownBy(() -> new PostgresParquetLoader(postgres, objects).load(
        WarmSlice.day(plain, layout, DAY)))
        .isInstanceOf(WarmLoadException.class).hasMessageContaining("duplicate key");
    assertThat(query("SELECT count(*) FROM warmtest.merged")).containsExactly("3");
  }

  @Test void aRowOutsideTheSliceFailsTheLoadAndChangesNothing() throws SQLException {
    WarmTable table = table("strays");
    DayPartitionLayout layout = layout("strays");
    List<Object[]> rows = events(DAY, "s", 10);
    rows.get(9)[2] = DAY.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    put(layout, DAY, 0, rows);
    execute("INSERT INTO warmtest.strays VALUES ('tenant-0', 'before', '2026-03-14 08:00:00',"
        + " 'view', NULL)");

    assertThatThrownBy(() -> new PostgresParquetLoader(postgres, objects)
        .load(WarmSlice.day(table, layout, DAY)))
        .isInstanceOf(WarmLoadException.class)
        .hasMessageContaining("Loading s3://tiergate-warm-test/strays/dt=2026-03-14/ into"
            + " warmtest.strays (slice [2026-03-14T00:00:00Z, 2026-03-15T00:00:00Z)) failed and"
            + " was rolled back: s3://tiergate-warm-test/strays/dt=2026-03-14/part-00000.parquet"
            + " row 9: event_time 2026-03-15T00:00:00Z is outside the slice");
    assertThat(query("SELECT event_id FROM warmtest.strays")).containsExactly("before");
  }

  @Test void demoWarmRowsGoThroughTheLoader() throws SQLException {
    DemoLoader.DemoSummary demo = DemoOnce.load(stack);
    long inParquet = 0;
    for (S3ObjectInfo object : objects.list(DemoLoader.WARM_BUCKET, DemoLoader.EVENTS + "/")) {
      try (ParquetRowReader reader = objects.openParquet(object.bucket(), object.key(), null)) {
        inParquet += reader.info().rowCount();
      }
    }
    assertThat(inParquet).isEqualTo(demo.warm()).isGreaterThan(1_000);
    assertThat(query("SELECT count(*), count(DISTINCT event_id) FROM analytics.events"))
        .containsExactly(demo.warm() + "|" + demo.warm());
  }

  @Test void postgresConnectionsSendNoQueryGroup() throws SQLException {
    RedshiftConnectionFactory redshiftFlavour = RedshiftConnectionFactory.forUrl(
        "jdbc:redshift://example:5439/dev", "dashboards");
    // The pooled stand-in connections work: the Redshift-only SET was not sent ...
    assertThat(query("SELECT current_setting('query_group', true) IS NULL"))
        .containsExactly("t");
    // ... and it had to stay away: PostgreSQL refuses it.
    assertThatThrownBy(() -> execute(redshiftFlavour.connectionInitSql().orElseThrow()))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("unrecognized configuration parameter \"query_group\"");
  }

  @Test void dailyTotalsViewMatchesTheTableAfterEachRefresh() throws SQLException {
    WarmTable table = table("viewed");
    DayPartitionLayout layout = layout("viewed");
    WarmLoader loader = new PostgresParquetLoader(postgres, objects);
    put(layout, DAY, 0, events(DAY, "v", 3_000));
    loader.load(WarmSlice.day(table, layout, DAY));

    MaterializedView view = MaterializedView.dailyTotals(table, "kind", "amount");
    try (Connection c = postgres.getConnection()) {
      view.create(c, Engine.POSTGRESQL);
    }
    String direct = "SELECT DATE_TRUNC('day', event_time), kind, SUM(amount), COUNT(*)"
        + " FROM warmtest.viewed GROUP BY 1, 2 ORDER BY 1, 2";
    String fromView = "SELECT event_day, kind, total, row_count FROM"
        + " warmtest.daily_amount_by_kind ORDER BY 1, 2";
    List<String> before = query(fromView);
    assertThat(before).hasSize(3).isEqualTo(query(direct));

    LocalDate nextDay = DAY.plusDays(1);
    put(layout, nextDay, 0, events(nextDay, "w", 1_000));
    loader.load(WarmSlice.day(table, layout, nextDay));
    assertThat(query(fromView)).isEqualTo(before); // PostgreSQL: stale until refreshed

    try (Connection c = postgres.getConnection()) {
      view.refresh(c);
    }
    assertThat(query(fromView)).hasSize(6).isEqualTo(query(direct));
  }
}
