package io.tiergate.planner.catalog;

import static io.tiergate.planner.catalog.MiniatureEvents.DAY;
import static io.tiergate.planner.catalog.MiniatureEvents.WARM_FLOOR;
import static io.tiergate.planner.catalog.MiniatureEvents.timestamp;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Queries whose literal time range rules out a tier (issue 19: the hot tier, under an upper
 * bound below its floor) plan, leave that tier's branch out, and answer as the plain table does.
 */
class RuledOutTierTest {
  /** Day 105, late: in the warm slice, so the hot branch is ruled out and cold and warm are not. */
  private static final long BOUND_MILLIS = WARM_FLOOR + 5 * DAY + 86_399_657L;
  private static final String BOUND = timestamp(BOUND_MILLIS);
  private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

  private Hook.Closeable jdbcRules;
  private Connection connection;

  @BeforeEach void connect() throws SQLException {
    jdbcRules = MiniatureEvents.withJdbcStoreRules();
    connection = MiniatureEvents.connect();
  }

  @AfterEach void close() throws SQLException {
    try (Hook.Closeable rules = jdbcRules; Connection c = connection) {
      // both closed
    }
  }

  /** The three statements of the issue, with this fixture's times and group sizes. */
  @ParameterizedTest @ValueSource(strings = {
      "SELECT region, MAX(amount) FROM events WHERE event_time <= TIMESTAMP '%s'"
          + " AND kind = 'purchase' GROUP BY region HAVING COUNT(*) > 5",
      "SELECT MAX(amount), COUNT(*) FROM events WHERE event_time < TIMESTAMP '%s'"
          + " AND tenant_id = 'tenant-04' AND amount > 85",
      "SELECT tenant_id, MIN(event_time), AVG(amount) FROM events WHERE event_time < TIMESTAMP"
          + " '%s' AND amount IS NULL GROUP BY tenant_id HAVING COUNT(*) > 3"})
  void ruledOutHotTierIsLeftOutAndTheAnswerIsThePlainTables(String template) throws Exception {
    String sql = String.format(template, BOUND);
    List<String> expected = rows(connection, sql.replace("FROM events", "FROM plain.events"));
    assertThat(expected).isNotEmpty();
    assertThat(rows(connection, sql)).isEqualTo(expected);
    assertThat(explain(sql)).contains("[[warm, events]]").contains("[[cold, events]]")
        .doesNotContain("[[hot, events]]");
  }

  /**
   * Ranges that leave one tier or none: a union keeps two inputs, so a branch left out may stay
   * as a pruned branch, which reads no store.
   */
  @ParameterizedTest @ValueSource(strings = {
      "SELECT COUNT(*), SUM(amount), MIN(event_time) FROM events WHERE event_time >= TIMESTAMP"
          + " '1970-09-01 00:00:00'",
      "SELECT kind, COUNT(*) FROM events WHERE event_time >= TIMESTAMP '1970-09-01 00:00:00'"
          + " GROUP BY kind",
      "SELECT COUNT(*), MAX(amount) FROM events WHERE event_time >= TIMESTAMP '1999-01-01 00:00:00'",
      "SELECT kind, COUNT(*) FROM events WHERE event_time < TIMESTAMP '1969-01-01 00:00:00'"
          + " GROUP BY kind",
      "SELECT event_id FROM events WHERE event_time > TIMESTAMP '1999-01-01 00:00:00'"
          + " OR event_time < TIMESTAMP '1969-01-01 00:00:00'",
      "SELECT event_id, event_time FROM events WHERE event_time < TIMESTAMP '1970-02-01 00:00:00'"
          + " AND kind = 'view' ORDER BY event_time DESC, event_id LIMIT 3"})
  void rangesMeetingOneTierOrNone(String sql) throws Exception {
    assertThat(rows(connection, sql))
        .isEqualTo(rows(connection, sql.replace("FROM events", "FROM plain.events")));
    assertThat(explain(sql).split("TableScan", -1)).hasSizeLessThanOrEqualTo(2);
  }

  /** The same shapes with the bound as a bind value: planned once, pruned at execution. */
  @ParameterizedTest @ValueSource(strings = {
      "SELECT region, MAX(amount) FROM events WHERE event_time <= ? AND kind = 'purchase'"
          + " GROUP BY region HAVING COUNT(*) > 5",
      "SELECT MAX(amount), COUNT(*) FROM events WHERE event_time < ? AND tenant_id = ?"
          + " AND amount > 85"})
  void ruledOutHotTierWithBindValues(String sql) throws Exception {
    List<String> expected = prepared(sql.replace("FROM events", "FROM plain.events"));
    assertThat(expected).isNotEmpty();
    assertThat(prepared(sql)).isEqualTo(expected);
  }

  private List<String> prepared(String sql) throws SQLException {
    try (PreparedStatement p = connection.prepareStatement(sql)) {
      p.setTimestamp(1, new Timestamp(BOUND_MILLIS), UTC);
      if (p.getParameterMetaData().getParameterCount() > 1) {
        p.setString(2, "tenant-04");
      }
      try (ResultSet rs = p.executeQuery()) {
        return read(rs);
      }
    }
  }

  private String explain(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** The rows as text, sorted: these statements have no ORDER BY. */
  static List<String> rows(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return read(rs);
    }
  }

  private static List<String> read(ResultSet rs) throws SQLException {
    List<String> rows = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      List<String> row = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        row.add(String.valueOf(rs.getObject(i)));
      }
      rows.add(String.join(" | ", row));
    }
    rows.sort(null);
    return rows;
  }
}
