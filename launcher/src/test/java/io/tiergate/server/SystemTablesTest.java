package io.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tiergate.adapter.s3.DayPartitionLayout;
import io.tiergate.adapter.s3.S3Location;
import io.tiergate.adapter.s3.S3ObjectInfo;
import io.tiergate.adapter.s3.S3ObjectStore;
import io.tiergate.lifecycle.admin.JdbcTierMeter;
import io.tiergate.local.demo.DemoLoader;
import io.tiergate.planner.manifest.ColdStorageRun;
import io.tiergate.planner.manifest.TierManifest;
import io.tiergate.planner.manifest.TimeSlice;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code tiergate.tiers} and {@code tiergate.partitions} against the stores themselves: the
 * manifest's ranges, the rows each tier answers queries with, and S3's own listing.
 */
@ExtendWith(TestGateway.Extension.class)
class SystemTablesTest {
  private static final double TB = Math.pow(2, 40);

  private static long count(TestGateway tg, TimeSlice slice) throws SQLException {
    String sql = "SELECT COUNT(*) FROM events WHERE event_time >= TIMESTAMP '"
        + TestGateway.sqlTimestamp(slice.fromInclusive()) + "'"
        + (slice.hasUpperBound() ? " AND event_time < TIMESTAMP '"
            + TestGateway.sqlTimestamp(slice.toExclusive()) + "'" : "");
    try (Connection c = tg.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<S3ObjectInfo> coldObjects(TestGateway tg) {
    return new S3ObjectStore(tg.stack().s3().client()).list(DemoLoader.COLD_BUCKET,
        DemoLoader.EVENTS + "/");
  }

  @Test void tiersShowTheManifestRangesTheRowsEachTierHoldsAndTheirCost(TestGateway tg)
      throws Exception {
    tg.restoreAllArchived(); // every cold footer readable: rows known for every class
    TierManifest m = tg.gateway().catalog().manifests().current("events");
    long hotRows = count(tg, new TimeSlice(m.hotFloor(), Long.MAX_VALUE));
    long warmRows = count(tg, new TimeSlice(m.warmFloor(), m.hotFloor()));
    Map<String, long[]> coldByClass = new HashMap<>(); // rows, bytes
    try (Connection c = tg.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM tiergate.tiers "
            + "WHERE table_name = 'events' ORDER BY range_from")) {
      while (rs.next()) {
        assertThat(rs.getLong("manifest_version")).isEqualTo(m.version());
        long bytes = rs.getLong("bytes");
        double price = switch (rs.getString("tier")) {
          case "hot" -> {
            assertThat(rs.getString("store")).isEqualTo("dynamodb");
            assertThat(rs.getTimestamp("range_from").getTime()).isEqualTo(m.hotFloor());
            assertThat(rs.getTimestamp("range_to")).isNull();
            assertThat(rs.getLong("rows")).isEqualTo(hotRows).isPositive();
            yield 25;
          }
          case "warm" -> {
            assertThat(rs.getString("store")).isEqualTo("redshift");
            assertThat(rs.getTimestamp("range_from").getTime()).isEqualTo(m.warmFloor());
            assertThat(rs.getTimestamp("range_to").getTime()).isEqualTo(m.hotFloor());
            assertThat(rs.getLong("rows")).isEqualTo(warmRows).isEqualTo(tg.demo().warm());
            yield 5;
          }
          case "cold" -> {
            assertThat(rs.getString("store")).isEqualTo("athena");
            Timestamp from = rs.getTimestamp("range_from");
            assertThat(from.getTime()).isGreaterThanOrEqualTo(m.coldFloor());
            assertThat(rs.getTimestamp("range_to").getTime()).isLessThanOrEqualTo(m.warmFloor());
            coldByClass.put(rs.getString("storage_class"),
                new long[] {rs.getLong("rows"), bytes});
            yield 1;
          }
          default -> throw new AssertionError("tier " + rs.getString("tier"));
        };
        assertThat(bytes).isPositive();
        assertThat(rs.getDouble("monthly_cost_usd")).isCloseTo(bytes / TB * price,
            within(1e-12));
      }
    }
    // Cold: every class the manifest records, the demo's cold rows, S3's bytes per class.
    assertThat(coldByClass.keySet()).containsAll(m.coldRuns().stream()
        .map(ColdStorageRun::storageClass).collect(Collectors.toSet()));
    assertThat(coldByClass.values().stream().mapToLong(v -> v[0]).sum())
        .isEqualTo(tg.demo().cold());
    DayPartitionLayout layout = new DayPartitionLayout(S3Location.parse("s3://"
        + DemoLoader.COLD_BUCKET + "/" + DemoLoader.EVENTS + "/"));
    Map<String, Long> s3Bytes = coldObjects(tg).stream()
        .filter(o -> layout.parse(o.key()).isPresent())
        .collect(Collectors.groupingBy(o -> o.storageClass().awsName(),
            Collectors.summingLong(S3ObjectInfo::size)));
    coldByClass.forEach((storageClass, v) -> assertThat(v[1]).as(storageClass)
        .isEqualTo(s3Bytes.get(storageClass)));
  }

  @Test void partitionsAreS3sObjectsWithTheirClassesAndArchivedOnesAreUnreadable(
      TestGateway tg) throws Exception {
    TimeSlice month = GlacierRestoreTest.deepArchiveMonth(tg);
    GlacierRestoreTest.expireRestore(tg, month);
    Map<String, String> s3Classes = new HashMap<>();
    DayPartitionLayout layout = new DayPartitionLayout(S3Location.parse("s3://"
        + DemoLoader.COLD_BUCKET + "/" + DemoLoader.EVENTS + "/"));
    for (S3ObjectInfo o : coldObjects(tg)) {
      layout.parse(o.key()).ifPresent(p -> s3Classes.put(p.day().toString(),
          o.storageClass().awsName()));
    }
    Set<String> seen = new TreeSet<>();
    try (Connection c = tg.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM tiergate.partitions "
            + "WHERE table_name = 'events'")) {
      while (rs.next()) {
        String day = rs.getDate("dt").toLocalDate().toString();
        seen.add(day);
        assertThat(rs.getString("storage_class")).as(day).isEqualTo(s3Classes.get(day));
        assertThat(rs.getInt("objects")).isEqualTo(1);
        assertThat(rs.getLong("bytes")).isPositive();
        long start = LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toInstant()
            .toEpochMilli();
        if (month.contains(start)) {
          assertThat(rs.getBoolean("readable")).as(day).isFalse();
          assertThat(rs.getObject("rows")).as("archived: rows unknown").isNull();
          assertThat(rs.getTimestamp("restored_until")).isNull();
        } else {
          assertThat(rs.getBoolean("readable")).as(day).isTrue();
          assertThat(rs.getLong("rows")).isPositive();
        }
      }
    }
    assertThat(seen).isEqualTo(new TreeSet<>(s3Classes.keySet()));
    tg.restoreAllArchived(); // leave the shared demo readable
  }

  /** Production Redshift has SVV_TABLE_INFO: rows and size without a scan. */
  @Test void warmOnRedshiftReadsSvvTableInfo() {
    assertThat(new JdbcTierMeter(null, "jdbc:redshift://rs:5439/dev", "analytics.events",
        "event_time").sql()).isEqualTo("SELECT tbl_rows, size * 1048576 FROM svv_table_info "
            + "WHERE \"schema\" = ? AND \"table\" = ?");
    assertThat(new JdbcTierMeter(null, "jdbc:postgresql://pg/dev", "analytics.events",
        "event_time").sql()).isEqualTo("SELECT COUNT(*), pg_total_relation_size("
            + "'\"analytics\".\"events\"') FROM \"analytics\".\"events\" WHERE \"event_time\" "
            + ">= ? AND \"event_time\" < ?");
  }
}
