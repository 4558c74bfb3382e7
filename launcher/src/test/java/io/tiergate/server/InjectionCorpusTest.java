package io.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values that look like syntax (quotes, comments, statement stacking, unicode escapes, the
 * placeholders of DynamoDB expressions, Redis key patterns), as SQL literals and as bind values,
 * through every pushdown path: each is data to the store. The plan's native request shows the
 * value where data goes (a DynamoDB attribute value, a quoted and escaped SQL literal), the
 * answer is the one for a value no row has, and the tables are all still there afterwards.
 */
@ExtendWith(TestGateway.Extension.class)
class InjectionCorpusTest {
  /** The column as the stores' SQL compares it: as is, or cast to the dialect's VARCHAR. */
  private static final String TENANT_ID =
      "(?:\"tenant_id\"|CAST\\(\"tenant_id\" AS VARCHAR(?:\\(\\d+\\))?\\)) = ";

  static List<String> payloads() {
    return List.of("x' OR '1'='1", "x'; DROP TABLE events; --", "x\\' OR 1=1 --",
        "x/* comment */", "*/ OR 1=1 /*", "x\u0027 OR \u00271\u0027=\u00271", "U&'\\0027'",
        "tenant-01\" OR \"1\"=\"1", ":pk OR #pk = :pk", "session:*", "x\nOR 1=1", "日本'--",
        "Zürich' OR '1'='1");
  }

  @ParameterizedTest
  @MethodSource("payloads")
  void aValueThatLooksLikeSyntaxIsDataInEveryStore(String payload, TestGateway tg)
      throws Exception {
    long hot = tg.demo().manifest().hotFloor();
    long warm = tg.demo().manifest().warmFloor();
    String literal = "'" + payload.replace("'", "''") + "'";
    String[] ranges = {
        "event_time >= TIMESTAMP '" + TestGateway.sqlTimestamp(hot) + "'",
        "event_time >= TIMESTAMP '" + TestGateway.sqlTimestamp(warm) + "' AND event_time <"
            + " TIMESTAMP '" + TestGateway.sqlTimestamp(hot) + "'",
        "event_time < TIMESTAMP '" + TestGateway.sqlTimestamp(warm) + "'"};
    try (Connection c = tg.connect("?archived=skip")) {
      long events = count(c, "SELECT COUNT(*) FROM events");
      for (String range : ranges) {
        String sql = "SELECT COUNT(*) FROM events WHERE tenant_id = " + literal + " AND " + range;
        assertThat(count(c, sql)).as(sql).isZero();
        String plan = TestGateway.explain(c, sql);
        if (plan.contains("DynamoDb")) {
          // the expression holds placeholders only; the value is an attribute value
          assertThat(plan).contains("AttributeValue(S=" + payload + ")");
          assertThat(plan).containsPattern("KeyConditionExpression=#pk = :pk[ ,)]");
        } else if (payload.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f)) {
          // the whole value, quotes doubled, as one literal compared with the column
          assertThat(plan).as(plan).containsPattern(TENANT_ID + Pattern.quote(literal));
        } else {
          // a dialect may spell other characters as unicode escapes, but always in a literal
          assertThat(plan).as(plan).containsPattern(TENANT_ID + "(U&)?'");
        }
        try (PreparedStatement p = c.prepareStatement(
            "SELECT COUNT(*) FROM events WHERE tenant_id = ? AND " + range)) {
          p.setString(1, payload);
          try (ResultSet rs = p.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).as("bound %s", payload).isZero();
          }
        }
      }
      assertThat(count(c, "SELECT COUNT(*) FROM sessions WHERE session_id = " + literal))
          .isZero();
      try (PreparedStatement p = c.prepareStatement(
          "SELECT COUNT(*) FROM sessions WHERE session_id = ?")) {
        p.setString(1, payload);
        try (ResultSet rs = p.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getLong(1)).isZero();
        }
      }
      // nothing was dropped or changed
      assertThat(count(c, "SELECT COUNT(*) FROM events")).isEqualTo(events).isPositive();
      assertThat(count(c, "SELECT COUNT(*) FROM sessions")).isPositive();
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getLong(1);
    }
  }
}
