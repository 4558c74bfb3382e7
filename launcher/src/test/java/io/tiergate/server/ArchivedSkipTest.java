package io.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiergate.planner.manifest.ColdStorageRun;
import io.tiergate.planner.manifest.TimeSlice;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code archived=skip}: a query answers from what is readable, never asks for the archived
 * days it leaves out (its count is the all-time count minus exactly those days, which the
 * stand-in would otherwise return), and the statement's warnings name them.
 */
@ExtendWith(TestGateway.Extension.class)
class ArchivedSkipTest {
  private static final long DAY = 86_400_000L;

  private TimeSlice deep;
  private TimeSlice flexible;

  /** A Deep Archive month and the last 15 days of Flexible Retrieval made unreadable. */
  @BeforeEach void archiveTwoRanges(TestGateway tg) {
    deep = GlacierRestoreTest.deepArchiveMonth(tg);
    ColdStorageRun flexibleRun = tg.demo().manifest().archivedRuns().stream()
        .filter(run -> run.storageClass().equals("GLACIER")).findFirst().orElseThrow();
    flexible = new TimeSlice(flexibleRun.slice().toExclusive() - 15 * DAY,
        flexibleRun.slice().toExclusive());
    GlacierRestoreTest.expireRestore(tg, deep);
    GlacierRestoreTest.expireRestore(tg, flexible);
  }

  /** Leaves the shared demo readable for the other test classes. */
  @AfterEach void restore(TestGateway tg) {
    tg.restoreAllArchived();
  }

  @Test void allTimeCountLeavesOutExactlyTheArchivedDaysAndWarnsOfThem(TestGateway tg)
      throws Exception {
    long readable = countOutside(tg, deep, flexible);
    assertThat(readable).isLessThan(TestGateway.ROWS);
    try (Connection c = tg.connect("?archived=skip"); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(readable);
        assertThat(messages(rs.getWarnings())).as("the result set's warnings").hasSize(2);
      }
      List<String> warnings = messages(s.getWarnings());
      assertThat(warnings).containsExactlyInAnyOrder(
          "Skipped archived partitions of table 'events' (dt from " + first(deep) + " to "
              + last(deep) + ", DEEP_ARCHIVE): not restored; CALL tiergate.restore('events', "
              + "TIMESTAMP '" + first(deep) + " 00:00:00', TIMESTAMP '" + last(deep).plusDays(1)
              + " 00:00:00', 'STANDARD') to read them",
          "Skipped archived partitions of table 'events' (dt from " + first(flexible) + " to "
              + last(flexible) + ", GLACIER): not restored; CALL tiergate.restore('events', "
              + "TIMESTAMP '" + first(flexible) + " 00:00:00', TIMESTAMP '"
              + last(flexible).plusDays(1) + " 00:00:00', 'STANDARD') to read them");
      assertThat((Object) s.getWarnings()).as("asked once, kept").isNotNull();
      s.clearWarnings();
      assertThat((Object) s.getWarnings()).isNull();

      // The same statement again, over readable time only: the old warnings are gone.
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events WHERE event_time >= "
          + "TIMESTAMP '" + TestGateway.sqlTimestamp(flexible.toExclusive()) + "'")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(countIn(tg,
            new TimeSlice(flexible.toExclusive(), Long.MAX_VALUE))).isPositive();
      }
      assertThat((Object) s.getWarnings()).isNull();
    }
  }

  @Test void rowsOfAQueryWithSkippedDaysAreTheReadableOnes(TestGateway tg) throws Exception {
    // Part of the Deep Archive month and the readable days after it: only those are returned.
    TimeSlice asked = new TimeSlice(deep.toExclusive() - 5 * DAY, deep.toExclusive() + 3 * DAY);
    List<Long> times = new ArrayList<>();
    try (Connection c = tg.connect("?archived=skip"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT event_time FROM events WHERE event_time >= "
            + "TIMESTAMP '" + TestGateway.sqlTimestamp(asked.fromInclusive()) + "' AND "
            + "event_time < TIMESTAMP '" + TestGateway.sqlTimestamp(asked.toExclusive()) + "'")) {
      while (rs.next()) {
        times.add(rs.getTimestamp(1, java.util.Calendar.getInstance(
            java.util.TimeZone.getTimeZone("UTC"))).getTime());
      }
      assertThat(times).hasSize((int) countIn(tg,
          new TimeSlice(deep.toExclusive(), asked.toExclusive()))).isNotEmpty();
      assertThat(times).allMatch(t -> t >= deep.toExclusive());
      assertThat(messages(s.getWarnings())).singleElement().asString()
          .contains("(dt from " + first(new TimeSlice(asked.fromInclusive(), 0)) + " to "
              + last(deep) + ", DEEP_ARCHIVE)");
    }
  }

  @Test void aPreparedStatementSkipsByItsBindValuesAndWarnsPerExecution(TestGateway tg)
      throws Exception {
    try (Connection c = tg.connect("?archived=skip"); PreparedStatement p = c.prepareStatement(
        "SELECT COUNT(*) FROM events WHERE event_time >= ? AND event_time < ?")) {
      p.setTimestamp(1, utc(deep.fromInclusive() - 10 * DAY));
      p.setTimestamp(2, utc(deep.toExclusive() + 10 * DAY));
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(
            countIn(tg, new TimeSlice(deep.fromInclusive() - 10 * DAY, deep.fromInclusive()))
            + countIn(tg, new TimeSlice(deep.toExclusive(), deep.toExclusive() + 10 * DAY)));
      }
      assertThat(messages(p.getWarnings())).singleElement().asString()
          .contains("(dt from " + first(deep) + " to " + last(deep) + ", DEEP_ARCHIVE)");

      p.setTimestamp(1, utc(deep.toExclusive()));
      p.setTimestamp(2, utc(deep.toExclusive() + 10 * DAY));
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(
            countIn(tg, new TimeSlice(deep.toExclusive(), deep.toExclusive() + 10 * DAY)))
            .isPositive();
      }
      assertThat((Object) p.getWarnings()).isNull();
    }
  }

  @Test void withoutTheOptionTheQueryStillFailsWithTheRestoreToRun(TestGateway tg)
      throws Exception {
    double athenaBefore = tg.storeRequests("athena");
    try (Connection c = tg.connect(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("SELECT COUNT(*) FROM events"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("dt=" + first(deep) + " .. dt=" + last(deep)
              + " (Glacier Deep Archive")
          .hasMessageContaining("dt=" + first(flexible) + " .. dt=" + last(flexible)
              + " (Glacier Flexible Retrieval")
          .hasMessageContaining("CALL tiergate.restore('events'");
    }
    assertThat(tg.storeRequests("athena")).as("no request before the refusal")
        .isEqualTo(athenaBefore);
  }

  @Test void anUnknownValueIsRefusedAtConnectNamingTheValues(TestGateway tg) {
    assertThatThrownBy(() -> tg.connect("?archived=bogus"))
        .hasMessageContaining("Connection option archived='bogus' is not one of fail, restore, "
            + "skip");
  }

  private static long countOutside(TestGateway tg, TimeSlice... left) {
    AtomicLong count = new AtomicLong();
    tg.dataset().forEachEvent(row -> {
      long time = (Long) row[2];
      for (TimeSlice slice : left) {
        if (slice.contains(time)) {
          return;
        }
      }
      count.incrementAndGet();
    });
    return count.get();
  }

  private static long countIn(TestGateway tg, TimeSlice slice) {
    AtomicLong count = new AtomicLong();
    tg.dataset().forEachEvent(row -> {
      if (slice.contains((Long) row[2])) {
        count.incrementAndGet();
      }
    });
    return count.get();
  }

  private static List<String> messages(SQLWarning warning) {
    List<String> messages = new ArrayList<>();
    for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
      assertThat(w.getSQLState()).isEqualTo("01000");
      messages.add(w.getMessage());
    }
    return messages;
  }

  /** A bind value for a UTC wall-clock time (the gateway's time zone is UTC). */
  private static Timestamp utc(long millis) {
    return Timestamp.valueOf(java.time.LocalDateTime.ofInstant(Instant.ofEpochMilli(millis),
        ZoneOffset.UTC));
  }

  private static LocalDate first(TimeSlice slice) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(slice.fromInclusive()), ZoneOffset.UTC);
  }

  private static LocalDate last(TimeSlice slice) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(slice.toExclusive() - 1), ZoneOffset.UTC);
  }
}
