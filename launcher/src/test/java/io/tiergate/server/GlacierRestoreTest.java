package io.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiergate.planner.manifest.ColdStorageRun;
import io.tiergate.planner.manifest.ManifestStore;
import io.tiergate.planner.manifest.TierManifest;
import io.tiergate.planner.manifest.TimeSlice;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cold partitions in Glacier Flexible Retrieval and Deep Archive: a query that needs them fails
 * before any store is asked, naming them and the restore to run; after the (emulated) restore
 * the same query answers from them.
 */
@ExtendWith(TestGateway.Extension.class)
class GlacierRestoreTest {
  private static final Pattern CALL = Pattern.compile("CALL tiergate\\.restore\\([^)]*\\)");
  private static final long DAY = 86_400_000L;

  /** A month six years back: Deep Archive in the demo. */
  static TimeSlice deepArchiveMonth(TestGateway tg) {
    LocalDate first = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(
        tg.dataset().nowMillis() - 6 * 365 * DAY), ZoneOffset.UTC).withDayOfMonth(1);
    return new TimeSlice(millis(first), millis(first.plusMonths(1)));
  }

  private static long millis(LocalDate day) {
    return day.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  /** Simulates the end of the restore's days: the month is archived and unreadable again. */
  static void expireRestore(TestGateway tg, TimeSlice month) {
    ManifestStore manifests = tg.gateway().catalog().manifests();
    TierManifest current = manifests.current("events");
    List<ColdStorageRun> runs = new ArrayList<>();
    for (ColdStorageRun run : current.coldRuns()) {
      TimeSlice inside = run.slice().intersect(month);
      if (inside.isEmpty()) {
        runs.add(run);
        continue;
      }
      runs.add(run.clip(new TimeSlice(run.slice().fromInclusive(), inside.fromInclusive())));
      runs.add(run.clip(inside).restoredUntil(0));
      runs.add(run.clip(new TimeSlice(inside.toExclusive(), run.slice().toExclusive())));
    }
    manifests.write(new TierManifest("events", current.version() + 1, current.coldFloor(),
        current.warmFloor(), current.hotFloor(), runs));
  }

  @Test void aQueryOverDeepArchiveFailsWithTheRestoreToRunAndWorksAfterIt(TestGateway tg)
      throws Exception {
    TimeSlice month = deepArchiveMonth(tg);
    expireRestore(tg, month);
    String sql = "SELECT COUNT(*) FROM events WHERE event_time >= TIMESTAMP '"
        + TestGateway.sqlTimestamp(month.fromInclusive()) + "' AND event_time < TIMESTAMP '"
        + TestGateway.sqlTimestamp(month.toExclusive()) + "'";
    double athenaBefore = tg.storeRequests("athena");
    String message;
    try (Connection c = tg.connect(); Statement s = c.createStatement()) {
      SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
          () -> s.executeQuery(sql));
      message = e.getMessage();
    }
    LocalDate first = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(month.fromInclusive()),
        ZoneOffset.UTC);
    LocalDate last = first.plusMonths(1).minusDays(1);
    assertThat(message).contains("dt=" + first + " .. dt=" + last + " (Glacier Deep Archive, "
        + (last.getDayOfMonth()) + " partitions)");
    assertThat(tg.storeRequests("athena")).as("no request before the refusal")
        .isEqualTo(athenaBefore);

    Matcher call = CALL.matcher(message);
    assertThat(call.find()).as("restore hint in: %s", message).isTrue();
    assertThat(call.group()).contains("TIMESTAMP '" + first + " 00:00:00'")
        .contains("TIMESTAMP '" + last.plusDays(1) + " 00:00:00'");
    try (Connection c = tg.connectAsAdmin(""); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(call.group())) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("table_name")).isEqualTo("events");
      assertThat(rs.getString("storage_class")).isEqualTo("DEEP_ARCHIVE");
      assertThat(rs.getString("first_partition")).isEqualTo("dt=" + first);
      assertThat(rs.getString("last_partition")).isEqualTo("dt=" + last);
      assertThat(rs.getInt("partitions")).isEqualTo(last.getDayOfMonth());
      assertThat(rs.getInt("objects")).isPositive()
          .isEqualTo(rs.getInt("restored_objects"));
      assertThat(rs.getString("state")).isEqualTo("RESTORED");
      assertThat(rs.getTimestamp("readable_until").getTime())
          .isGreaterThan(System.currentTimeMillis());
      assertThat(rs.next()).isFalse();
    }

    AtomicLong expected = new AtomicLong();
    tg.dataset().forEachEvent(row -> {
      if (month.contains((Long) row[2])) {
        expected.incrementAndGet();
      }
    });
    try (Connection c = tg.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(expected.get()).isPositive();
    }
  }

  @Test void withArchivedRestoreTheQueryRestoresWhatItNeedsAndAnswers(TestGateway tg)
      throws Exception {
    TimeSlice month = deepArchiveMonth(tg);
    TimeSlice next = new TimeSlice(month.toExclusive(), month.toExclusive() + 10 * DAY);
    expireRestore(tg, new TimeSlice(month.fromInclusive(), next.toExclusive()));
    String sql = "SELECT COUNT(*) FROM events WHERE event_time >= TIMESTAMP '"
        + TestGateway.sqlTimestamp(next.fromInclusive()) + "' AND event_time < TIMESTAMP '"
        + TestGateway.sqlTimestamp(next.toExclusive()) + "'";
    AtomicLong expected = new AtomicLong();
    tg.dataset().forEachEvent(row -> {
      if (next.contains((Long) row[2])) {
        expected.incrementAndGet();
      }
    });
    try (Connection c = tg.connectAsAdmin("?archived=restore"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(expected.get()).isPositive();
    }
    // Only what that query needed was restored: the month before is still archived.
    try (Connection c = tg.connect(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery(sql.replace(
          TestGateway.sqlTimestamp(next.fromInclusive()),
          TestGateway.sqlTimestamp(month.fromInclusive())))).hasMessageContaining("not restored");
    }
    // Leave the shared demo readable for the other test classes.
    try (Connection c = tg.connectAsAdmin("?archived=restore"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql.replace(TestGateway.sqlTimestamp(
            next.fromInclusive()), TestGateway.sqlTimestamp(month.fromInclusive())))) {
      assertThat(rs.next()).isTrue();
    }
  }

  @Test void restoreRefusesWhatItCannotDo(TestGateway tg) throws Exception {
    TierManifest manifest = tg.demo().manifest();
    String warm = "TIMESTAMP '" + TestGateway.sqlTimestamp(manifest.hotFloor() - 10 * DAY)
        + "', TIMESTAMP '" + TestGateway.sqlTimestamp(manifest.hotFloor() - 5 * DAY) + "'";
    TimeSlice month = deepArchiveMonth(tg);
    String deep = "TIMESTAMP '" + TestGateway.sqlTimestamp(month.fromInclusive())
        + "', TIMESTAMP '" + TestGateway.sqlTimestamp(month.toExclusive()) + "'";
    try (Connection c = tg.connectAsAdmin(""); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("CALL tiergate.restore('events', " + warm
          + ", 'STANDARD')")).hasMessageContaining("Table 'events' has nothing in S3 Glacier "
          + "Flexible Retrieval or Deep Archive between");
      assertThatThrownBy(() -> s.executeQuery("CALL tiergate.restore('events', " + deep
          + ", 'EXPEDITED')")).hasMessageContaining("Glacier Deep Archive, which has no "
          + "EXPEDITED retrieval; use STANDARD");
      assertThatThrownBy(() -> s.executeQuery("CALL tiergate.restore('orders', " + deep
          + ", 'BULK')")).hasMessageContaining("Table 'orders' has no cold tier on S3");
      assertThatThrownBy(() -> s.executeQuery("CALL tiergate.restore('events', " + deep
          + ", 'FAST')")).hasMessageContaining("Unknown retrieval tier 'FAST'");
    }
  }
}
