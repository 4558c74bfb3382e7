package io.tiergate.planner.catalog;

import io.tiergate.planner.rules.ArchivedMode;
import io.tiergate.planner.rules.SkippedArchiveLog;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiergate.planner.manifest.ColdStorageRun;
import io.tiergate.planner.manifest.Tier;
import io.tiergate.planner.manifest.TierManifest;
import io.tiergate.planner.manifest.TimeSlice;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.Test;

class TieredTableTest extends TieredTableFixture {
  @Test void eachRowComesFromTheTierOwningItsTime() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM events ORDER BY t, id")) {
      List<String> ids = new ArrayList<>();
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
      // days 0..90 cold, 100..190 + warm edge warm, 200..290 + hot edge hot
      assertThat(ids).hasSize(10 + 11 + 11);
      assertThat(ids.subList(0, 10)).allMatch(id -> id.startsWith("COLD-"));
      assertThat(ids).contains("WARM-edge", "HOT-edge").doesNotContain("COLD-edge");
      assertThat(ids.subList(10, 21)).allMatch(id -> id.startsWith("WARM-"));
      assertThat(ids.subList(21, 32)).allMatch(id -> id.startsWith("HOT-"));
    }
  }

  /** Cold days 0..49 in Deep Archive (not restored), 50..99 in Glacier Instant Retrieval. */
  void archiveFirstFiftyDays() {
    manifest = new TierManifest("events", 1, COLD_FLOOR, WARM_FLOOR, HOT_FLOOR, List.of(
        ColdStorageRun.of(0, 50 * DAY, "DEEP_ARCHIVE", true),
        ColdStorageRun.of(50 * DAY, 100 * DAY, "GLACIER_IR", false)));
  }

  @Test void queryOverArchivedPartitionsFailsBeforeAnyStoreIsRead() throws Exception {
    archiveFirstFiftyDays();
    try (Connection c = connect(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("SELECT COUNT(*) FROM events"))
          .hasMessageContaining("Table 'events': the query needs 50 cold partitions")
          .hasMessageContaining("dt=1970-01-01 .. dt=1970-02-19 (Glacier Deep Archive, 50 "
              + "partitions)")
          .hasMessageContaining("CALL tiergate.restore('events', TIMESTAMP '1970-01-01 "
              + "00:00:00', TIMESTAMP '1970-02-20 00:00:00', 'STANDARD')");
      // Only the days the query needs are named, whole days.
      assertThatThrownBy(() -> s.executeQuery("SELECT id FROM events WHERE t >= TIMESTAMP "
          + "'1970-01-11 12:00:00' AND t < TIMESTAMP '1970-01-21 06:00:00'"))
          .hasMessageContaining("needs 11 cold partitions")
          .hasMessageContaining("dt=1970-01-11 .. dt=1970-01-21 (Glacier Deep Archive");
    }
    assertThat(stores.values()).allSatisfy(store -> assertThat(store.scans).hasValue(0));
  }

  @Test void readablePartitionsOfAnArchivedTableAreRead() throws Exception {
    archiveFirstFiftyDays();
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events WHERE t >= TIMESTAMP "
            + "'1970-02-20 00:00:00'")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(5 + 11 + 11); // cold days 50..90, warm, hot
    }
  }

  @Test void bindParametersOverArchivedPartitionsFailAtExecution() throws Exception {
    archiveFirstFiftyDays();
    try (Connection c = connect();
        PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM events WHERE t >= ?")) {
      p.setTimestamp(1, new Timestamp(60 * DAY));
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(4 + 11 + 11);
      }
      p.setTimestamp(1, new Timestamp(20 * DAY));
      assertThatThrownBy(p::executeQuery).hasMessageContaining(
          "dt=1970-01-21 .. dt=1970-02-19 (Glacier Deep Archive, 30 partitions)");
    }
  }

  @Test void restoredPartitionsAreReadUntilTheRestoreExpires() throws Exception {
    archiveFirstFiftyDays();
    long now = System.currentTimeMillis();
    manifest = manifest.withRestored(new TimeSlice(10 * DAY, 50 * DAY), now + DAY);
    assertThat(manifest.version()).isEqualTo(2);
    assertThat(manifest.coldRuns()).extracting(r -> r.slice().fromInclusive() / DAY)
        .containsExactly(0L, 10L, 50L);
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events WHERE t >= TIMESTAMP "
            + "'1970-01-11 00:00:00'")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(9 + 11 + 11); // cold days 10..90
    }
    try (Connection c = connect(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("SELECT COUNT(*) FROM events"))
          .hasMessageContaining("dt=1970-01-01 .. dt=1970-01-10 (Glacier Deep Archive, 10 "
              + "partitions)");
    }
    manifest = manifest.withRestored(new TimeSlice(0, 10 * DAY), now - 1); // already expired
    try (Connection c = connect(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("SELECT COUNT(*) FROM events"))
          .hasMessageContaining("needs 10 cold partitions");
    }
  }

  @Test void skipModeLeavesOutTheUnreadableRunWithoutScanningItAndLogsIt() throws Exception {
    archiveFirstFiftyDays();
    try (Connection c = connect(ArchivedMode.SKIP); Statement s = c.createStatement()) {
      AvaticaStatement statement = s.unwrap(AvaticaStatement.class);
      SkippedArchiveLog log = SkippedArchiveLog.of(c.unwrap(CalciteConnection.class));
      log.bind(7, c.unwrap(AvaticaConnection.class).getCancelFlag(statement.handle));
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(5 + 11 + 11); // cold days 50..90, warm, hot
      }
      // The archived run is a branch of its own, never opened; the readable one is.
      assertThat(stores.get(Tier.COLD).scans).hasValue(1);
      assertThat(log.skipped(7)).singleElement().satisfies(skipped -> {
        assertThat(skipped.table()).isEqualTo("events");
        assertThat(skipped.run().slice()).isEqualTo(new TimeSlice(0, 50 * DAY));
        assertThat(skipped.message()).isEqualTo("Skipped archived partitions of table 'events' "
            + "(dt from 1970-01-01 to 1970-02-19, DEEP_ARCHIVE): not restored; CALL "
            + "tiergate.restore('events', TIMESTAMP '1970-01-01 00:00:00', TIMESTAMP "
            + "'1970-02-20 00:00:00', 'STANDARD') to read them");
      });

      log.clear(7);
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events WHERE t >= TIMESTAMP "
          + "'1970-01-11 00:00:00' AND t < TIMESTAMP '1970-01-21 12:00:00'")) {
        rs.next();
        assertThat(rs.getLong(1)).isZero();
      }
      // Whole days, as the default mode's error would name them.
      assertThat(log.skipped(7)).singleElement().extracting(skipped -> skipped.run().slice())
          .isEqualTo(new TimeSlice(10 * DAY, 21 * DAY));
    }
    // The same statement text on a connection without the option still refuses.
    try (Connection c = connect(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("SELECT COUNT(*) FROM events"))
          .hasMessageContaining("dt=1970-01-01 .. dt=1970-02-19 (Glacier Deep Archive, 50 "
              + "partitions)");
    }
  }

  @Test void theColdTierIsCutAtItsArchivedRuns() {
    archiveFirstFiftyDays();
    manifest = manifest.withRestored(new TimeSlice(10 * DAY, 20 * DAY), Long.MAX_VALUE);
    assertThat(TieredTable.parts(manifest, Tier.COLD)).containsExactly(
        new TimeSlice(0, 10 * DAY), new TimeSlice(10 * DAY, 20 * DAY),
        new TimeSlice(20 * DAY, 50 * DAY), new TimeSlice(50 * DAY, 100 * DAY));
    assertThat(TieredTable.parts(manifest, Tier.WARM)).containsExactly(
        new TimeSlice(WARM_FLOOR, HOT_FLOOR));
  }

  @Test void insertWritesRowsOfTheHotSliceToTheHotStore() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      assertThat(s.executeUpdate("INSERT INTO events VALUES ('new-1', TIMESTAMP "
          + "'1970-07-20 00:00:00', 2.5), ('new-2', TIMESTAMP '1970-09-01 12:00:00', 3.0)"))
          .isEqualTo(2);
    }
    assertThat(inserted).hasSize(1);
    assertThat(inserted.get(0)).extracting(r -> r[0]).containsExactly("new-1", "new-2");
    assertThat(inserted.get(0).get(0)).containsExactly("new-1", HOT_FLOOR, 2.5);
  }

  @Test void insertOfARowOlderThanTheHotSliceWritesNothing() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("INSERT INTO events VALUES ('ok', TIMESTAMP "
          + "'1970-09-01 00:00:00', 1.0), ('old', TIMESTAMP '1970-07-19 23:59:59.999', 1.0)"))
          .hasMessageContaining("INSERT INTO events: t 1970-07-19 23:59:59 is older than the "
              + "hot tier, which starts at 1970-07-20 00:00:00")
          .hasMessageContaining("Nothing was written");
      assertThatThrownBy(() -> s.executeUpdate("INSERT INTO events VALUES ('twice', TIMESTAMP "
          + "'1970-09-01 00:00:00', 1.0), ('twice', TIMESTAMP '1970-09-01 00:00:00', 2.0)"))
          .hasMessageContaining("the key (id='twice', t=1970-09-01 00:00:00) appears twice");
      assertThatThrownBy(() -> s.executeUpdate("INSERT INTO events VALUES (NULL, TIMESTAMP "
          + "'1970-09-01 00:00:00', 1.0)")).hasMessageContaining("key column 'id' may not be NULL");
    }
    assertThat(inserted).isEmpty();
  }

  @Test void updateAndDeleteOfATieredTableAreRefusedWithTheReason() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("UPDATE events SET v = 0"))
          .hasMessageContaining("UPDATE on tiered table 'events' is not supported");
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM events"))
          .hasMessageContaining("DELETE on tiered table 'events' is not supported");
    }
  }

  @Test void longInListsStayPredicatesThatReachTheStores() throws Exception {
    StringBuilder ids = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      ids.append(i == 0 ? "" : ", ").append("'HOT-").append(i).append('\'');
    }
    String sql = "SELECT id FROM events WHERE id IN (" + ids + ")";
    assertThat(explain(sql)).doesNotContain("Join").doesNotContain("Values");
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = 0;
      while (rs.next()) {
        n++;
      }
      assertThat(n).isEqualTo(10); // HOT-200 .. HOT-290
    }
  }

  @Test void explainShowsOneBranchPerTier() throws Exception {
    String plan = explain("SELECT * FROM events");
    assertThat(plan).contains("table=[[hot, events]]").contains("table=[[warm, events]]")
        .contains("table=[[cold, events]]");
  }

  @Test void literalRangePrunesTiersAtPlanTime() throws Exception {
    String sql = "SELECT COUNT(*) FROM events WHERE t >= TIMESTAMP '1970-09-01 00:00:00'";
    String plan = explain(sql);
    assertThat(plan).contains("[[hot, events]]").doesNotContain("[[warm, events]]")
        .doesNotContain("[[cold, events]]");
  }

  @Test void literalRangeWithinOneTierReadsOnlyThatStore() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events WHERE t >= TIMESTAMP "
            + "'1970-04-11 00:00:00' AND t < TIMESTAMP '1970-05-01 00:00:00'")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(2 + 1); // days 100, 110 and the warm edge row
    }
    assertThat(stores.get(Tier.WARM).scans).hasValue(1);
    assertThat(stores.get(Tier.HOT).scans).hasValue(0);
    assertThat(stores.get(Tier.COLD).scans).hasValue(0);
  }

  @Test void bindParametersPruneTiersAtExecution() throws Exception {
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
        "SELECT COUNT(*) FROM events WHERE t < ?")) {
      ps.setTimestamp(1, ts(50 * DAY), UTC);
      assertThat(count(ps)).isEqualTo(5); // cold days 0..40
      assertScans(1, 0, 0);

      // Planned once; executed again with another value, pruned again.
      ps.setTimestamp(1, ts(150 * DAY), UTC);
      assertThat(count(ps)).isEqualTo(10 + 6); // cold 0..90, warm 100..140 and its edge row
      assertScans(2, 1, 0);

      ps.setTimestamp(1, ts(-1));
      assertThat(count(ps)).isZero();
      assertScans(2, 1, 0);
    }
  }

  private static long count(PreparedStatement ps) throws Exception {
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void assertScans(int cold, int warm, int hot) {
    assertThat(stores.get(Tier.COLD).scans).as("cold scans").hasValue(cold);
    assertThat(stores.get(Tier.WARM).scans).as("warm scans").hasValue(warm);
    assertThat(stores.get(Tier.HOT).scans).as("hot scans").hasValue(hot);
  }

  @Test void currentTimestampPrunesAtExecution() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events "
            + "WHERE t >= CURRENT_TIMESTAMP - INTERVAL '7' DAY")) {
      rs.next();
      assertThat(rs.getLong(1)).isZero();
    }
    assertThat(stores.get(Tier.WARM).scans).hasValue(0);
    assertThat(stores.get(Tier.COLD).scans).hasValue(0);
  }

  @Test void globalAggregateOfPrunedTiersStillCounts() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(v), MIN(t) FROM events "
            + "WHERE t >= TIMESTAMP '2030-01-01 00:00:00'")) {
      rs.next();
      assertThat(rs.getLong(1)).isZero();
      assertThat(rs.getObject(2)).isNull();
      assertThat(rs.getObject(3)).isNull();
    }
  }

  @Test void aggregatesAndFiltersGoBelowEachGuard() throws Exception {
    String plan = explain("SELECT COUNT(*), SUM(v) FROM events WHERE t >= ?");
    assertThat(plan).contains("TierGuard").contains("tier=[hot]").contains("tier=[warm]");
    // Partial aggregates per branch, merged above the union.
    assertThat(plan.indexOf("EnumerableUnion")).isLessThan(plan.lastIndexOf("Aggregate"));
  }

  @Test void coldRangeIsAnsweredFromDayPartitionedStore() throws Exception {
    String sql = "SELECT COUNT(*) FROM events WHERE t >= TIMESTAMP '1970-01-21 00:00:00' "
        + "AND t < TIMESTAMP '1970-02-10 12:00:00'";
    // The day bounds come from the tier's slice; narrowing them to the query's own range is
    // not done yet.
    assertThat(explain(sql)).contains("Sarg[['1970-01-01'..'1970-04-10']]")
        .doesNotContain("[[warm, events]]").doesNotContain("[[hot, events]]");
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(3); // days 20, 30, 40
    }
  }

  @Test void everyColdScanIsBoundedByTheSlicesDays() throws Exception {
    assertThat(explain("SELECT * FROM events"))
        .contains("Sarg[['1970-01-01'..'1970-04-10']]");
  }

  /** These shapes once sent the planner into an endless loop; a timeout keeps CI from hanging. */
  @Test @org.junit.jupiter.api.Timeout(120) void orderByWithAndWithoutLimit() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT id FROM events ORDER BY t DESC, id")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("HOT-290");
      }
      try (ResultSet rs = s.executeQuery("SELECT id, t FROM events WHERE v > 0 "
          + "ORDER BY t, id LIMIT 3 OFFSET 1")) {
        List<String> ids = new ArrayList<>();
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
        assertThat(ids).containsExactly("COLD-10", "COLD-20", "COLD-30");
      }
      try (ResultSet rs = s.executeQuery("SELECT kind, n FROM (SELECT SUBSTRING(id, 1, 3) AS "
          + "kind, COUNT(*) AS n FROM events GROUP BY SUBSTRING(id, 1, 3)) ORDER BY n DESC, kind")) {
        assertThat(rs.next()).isTrue();
      }
    }
    assertThat(explain("SELECT id FROM events ORDER BY t LIMIT 5")).contains("TierGuard");
  }

  /** A top-N under a residual filter once made Volcano stack sorts on sorts without end. */
  @Test @org.junit.jupiter.api.Timeout(120) void topNWithAResidualFilterGoesIntoEachBranch()
      throws Exception {
    String sql = "SELECT id, t FROM events WHERE v IS NOT NULL"
        + " AND t >= TIMESTAMP '1970-03-01 00:00:00' ORDER BY t DESC, id LIMIT 4";
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> ids = new ArrayList<>();
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
      assertThat(ids).containsExactly("HOT-290", "HOT-280", "HOT-270", "HOT-260");
    }
    String plan = explain(sql);
    // Three branches, each cut to a top-4 before the merge (below its guard where that is
    // cheaper: in a store that sorts; in-memory stores here cost the same either way).
    assertThat(plan.split("EnumerableTierGuard", -1)).hasSize(4);
    assertThat(plan.split("EnumerableLimit\\(fetch=\\[4]\\)", -1)).hasSizeGreaterThanOrEqualTo(5);
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs =
        s.executeQuery("SELECT id FROM events WHERE v IS NOT NULL AND t < TIMESTAMP "
            + "'1970-04-11 00:00:00' ORDER BY v DESC, id LIMIT 2")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("COLD-0");
    }
  }
}
