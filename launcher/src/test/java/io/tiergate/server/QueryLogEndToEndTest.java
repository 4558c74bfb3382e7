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
