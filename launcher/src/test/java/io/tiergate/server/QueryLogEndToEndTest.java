package io.tiergate.server;

import static io.tiergate.server.TestGateway.sqlTimestamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiergate.launcher.LocalGatewayConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Per-query meters and {@code tiergate.queries} on the local stack, through the driver: a
 * query whose time range only the hot tier holds, one over hot and warm, one over cold, each
 * labelled with the tiers its stores were actually asked, and the log showing a reader their
 * own statements and an admin everyone's.
 */
@ExtendWith(TestGateway.Extension.class)
class QueryLogEndToEndTest {
  private static final long DAY = 86_400_000L;

  @Test void queriesAreTimedAndLoggedByTheTiersTheyRead(TestGateway tg) throws Exception {
    var manifest = tg.demo().manifest();
    // Column aliases tell the statements apart once their timestamps are masked.
    String hot = "SELECT COUNT(*) AS hot_rows FROM events WHERE event_time >= TIMESTAMP '"
        + sqlTimestamp(manifest.hotFloor() + DAY) + "'";
    String hotWarm = "SELECT COUNT(*) AS recent_rows FROM events WHERE event_time >= TIMESTAMP '"
        + sqlTimestamp(manifest.warmFloor() + DAY) + "'";
    String cold = "SELECT COUNT(*) AS old_rows FROM events WHERE event_time < TIMESTAMP '"
        + sqlTimestamp(manifest.warmFloor() - DAY) + "'";
    String sessions = "SELECT COUNT(*) AS live_sessions FROM sessions"; // Redis alone
    String before = tg.scrapeMetrics();

    try (Connection reader = tg.connectAs(LocalGatewayConfig.READER, "reader", "")) {
      for (String sql : List.of(hot, hotWarm, cold, sessions)) {
        try (Statement s = reader.createStatement(); ResultSet rs = s.executeQuery(sql)) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getLong(1)).as(sql).isPositive();
        }
      }
      assertThatThrownBy(() -> reader.createStatement().executeQuery("SELEC 1"))
          .isInstanceOf(SQLException.class);
    }
    try (Connection admin = tg.connectAsAdmin("");
        Statement s = admin.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) AS admin_rows FROM events")) {
      assertThat(rs.next()).isTrue();
    }

    String after = tg.scrapeMetrics();
    for (String tiers : List.of("hot", "hot+warm", "cold", "hot+warm+cold")) {
      String series = "tiergate_query_seconds_count{status=\"ok\",tiers=\"" + tiers + "\"}";
      assertThat(value(after, series) - value(before, series)).as(series).isGreaterThanOrEqualTo(1);
      assertThat(after).contains("tiergate_query_seconds_bucket{status=\"ok\",tiers=\"" + tiers
          + "\",le=");
      String rows = "tiergate_query_rows_total{tiers=\"" + tiers + "\"}";
      assertThat(value(after, rows) - value(before, rows)).as(rows).isGreaterThanOrEqualTo(1);
    }
    String refused = "tiergate_queries_refused_total{reason=\"syntax_error\"}";
    assertThat(value(after, refused) - value(before, refused)).isEqualTo(1);

    Map<String, Map<String, String>> asReader = log(tg.connectAs(LocalGatewayConfig.READER,
        "reader", ""));
    assertThat(asReader.values()).allSatisfy(row ->
        assertThat(row.get("user_name")).isEqualTo(LocalGatewayConfig.READER));
    assertThat(asReader).doesNotContainKey("SELECT COUNT(*) AS admin_rows FROM events");
    Map<String, String> hotRow = asReader.get(
        "SELECT COUNT(*) AS hot_rows FROM events WHERE event_time >= ?");
    assertThat(hotRow).containsEntry("tiers", "hot").containsEntry("status", "ok")
        .containsEntry("rows_returned", "1");
    assertThat(hotRow.get("store_requests")).containsPattern("dynamodb=[1-9]")
        .doesNotContain("redshift").doesNotContain("athena");
    Map<String, String> hotWarmRow = asReader.get(
        "SELECT COUNT(*) AS recent_rows FROM events WHERE event_time >= ?");
    assertThat(hotWarmRow).containsEntry("tiers", "hot+warm");
    assertThat(hotWarmRow.get("store_requests")).containsPattern("dynamodb=[1-9]")
        .containsPattern("redshift=[1-9]").doesNotContain("athena");
    Map<String, String> coldRow = asReader.get(
        "SELECT COUNT(*) AS old_rows FROM events WHERE event_time < ?");
    assertThat(coldRow).containsEntry("tiers", "cold");
    assertThat(coldRow.get("store_requests")).containsPattern("athena=[1-9]")
        .doesNotContain("dynamodb").doesNotContain("redshift");
    Map<String, String> sessionsRow = asReader.get(sessions);
    assertThat(sessionsRow).containsEntry("tiers", "hot");
    // Redis counts on the thread that sends the command; the manifest read (control) may
    // fall in too, and names no tier.
    assertThat(sessionsRow.get("store_requests")).containsPattern("(^|,)redis=[1-9]")
        .doesNotContain("dynamodb").doesNotContain("redshift").doesNotContain("athena");
    assertThat(asReader.get("SELEC ?")).containsEntry("status", "refused")
        .containsEntry("error_sqlstate", "42601").containsEntry("tiers", "none");

    Map<String, Map<String, String>> asAdmin = log(tg.connectAsAdmin(""));
    assertThat(asAdmin.get("SELECT COUNT(*) AS admin_rows FROM events"))
        .containsEntry("user_name", LocalGatewayConfig.ADMIN)
        .containsEntry("tiers", "hot+warm+cold");
    assertThat(asAdmin.get("SELECT COUNT(*) AS hot_rows FROM events WHERE event_time >= ?"))
        .containsEntry("user_name", LocalGatewayConfig.READER).containsEntry("tiers", "hot");
  }

  /**
   * tiergate.access counts, by day of age, what each statement read from each tier: a
   * three-day window deep in the cold tier adds one read to exactly those ages, and a query
   * with no time condition reads every age of the hot and warm slices.
   */
  @Test void accessCountsTheAgesEachTierWasReadAt(TestGateway tg) throws Exception {
    var manifest = tg.demo().manifest();
    long t0 = System.currentTimeMillis();
    // Half a day off whole days, so the ages do not depend on when the statement starts.
    int k = (int) ((t0 - manifest.warmFloor()) / DAY) + 100;
    long to = t0 - k * DAY - DAY / 2;
    long from = to - 3 * DAY;
    int hotAge = (int) ((t0 - manifest.hotFloor()) / DAY) - 1;
    int warmAge = (int) ((t0 - manifest.hotFloor()) / DAY) + 5;
    Map<Integer, Long> coldBefore = reads(tg, "cold", k - 2, k + 5);
    Map<Integer, Long> hotBefore = reads(tg, "hot", hotAge, hotAge);
    Map<Integer, Long> warmBefore = reads(tg, "warm", warmAge, warmAge);

    try (Connection c = tg.connect(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) AS window_rows FROM events"
          + " WHERE event_time >= TIMESTAMP '" + sqlTimestamp(from) + "' AND event_time <"
          + " TIMESTAMP '" + sqlTimestamp(to) + "'")) {
        assertThat(rs.next()).isTrue();
      }
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) AS views FROM events"
          + " WHERE kind = 'view' AND tenant_id <> 'nobody'")) {
        assertThat(rs.next()).isTrue();
      }
    }

    Map<Integer, Long> coldAfter = reads(tg, "cold", k - 2, k + 5);
    for (int age = k - 2; age <= k + 5; age++) {
      // the no-time-condition query read the whole cold slice too: one more everywhere
      long expected = age >= k && age <= k + 3 ? 2 : 1;
      assertThat(coldAfter.getOrDefault(age, 0L) - coldBefore.getOrDefault(age, 0L))
          .as("cold reads at age %d", age).isEqualTo(expected);
    }
    assertThat(reads(tg, "hot", hotAge, hotAge).getOrDefault(hotAge, 0L)
        - hotBefore.getOrDefault(hotAge, 0L)).as("hot reads").isEqualTo(1);
    assertThat(reads(tg, "warm", warmAge, warmAge).getOrDefault(warmAge, 0L)
        - warmBefore.getOrDefault(warmAge, 0L)).as("warm reads").isEqualTo(1);
    try (Connection c = tg.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT reads_last_day, last_read_at, estimated_cost_usd"
            + " FROM tiergate.access WHERE table_name = 'events' AND tier = 'cold'"
            + " AND age_days = " + (k + 1))) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isPositive();
      assertThat(rs.getTimestamp(2).getTime()).isGreaterThanOrEqualTo(t0 - 60_000);
      assertThat(rs.getDouble(3)).isPositive();
    }
  }

  /** reads by age_days of the events table's {@code tier}, ages {@code from..to}. */
  private static Map<Integer, Long> reads(TestGateway tg, String tier, int from, int to)
      throws SQLException {
    Map<Integer, Long> reads = new HashMap<>();
    try (Connection c = tg.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT age_days, reads FROM tiergate.access"
            + " WHERE table_name = 'events' AND tier = '" + tier + "' AND age_days BETWEEN "
            + from + " AND " + to)) {
      while (rs.next()) {
        reads.put(rs.getInt(1), rs.getLong(2));
      }
    }
    return reads;
  }

  /** tiergate.queries as {@code c} sees it, by statement (the last run of each). */
  private static Map<String, Map<String, String>> log(Connection c) throws SQLException {
    Map<String, Map<String, String>> byStatement = new HashMap<>();
    try (c; Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT query_id, user_name, statement, started_at, duration_ms, status,"
        + " error_sqlstate, tiers, store_requests, rows_returned FROM tiergate.queries"
        + " ORDER BY query_id")) {
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        columns.add(rs.getMetaData().getColumnLabel(i));
      }
      while (rs.next()) {
        Map<String, String> row = new HashMap<>();
        for (String column : columns) {
          row.put(column, rs.getString(column));
        }
        assertThat(rs.getTimestamp("started_at")).isNotNull();
        byStatement.put(rs.getString("statement"), row);
      }
    }
    return byStatement;
  }

  /** The value of one Prometheus series in {@code text}; 0 when it is not there yet. */
  private static double value(String text, String series) {
    return TestGateway.metricValue(text, series);
  }
}
