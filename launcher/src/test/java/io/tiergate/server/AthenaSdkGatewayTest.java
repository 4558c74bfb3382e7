package io.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiergate.local.TrinoStandIn;
import io.tiergate.local.athena.AthenaApiStandIn;
import io.tiergate.server.config.TiergateConfig;
import io.tiergate.server.config.TiergateConfig.AthenaConfig;
import io.tiergate.server.config.TiergateConfig.StoresConfig;
import io.tiergate.launcher.LocalGatewayConfig;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Properties;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A second gateway on the shared stack with {@code stores.athena.mode: sdk}, its cold tier read
 * through the Athena API ({@link AthenaApiStandIn} over the same Trino): through the driver it
 * answers as the gateway in JDBC mode does, and its Athena requests went through the API.
 */
@ExtendWith(TestGateway.Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AthenaSdkGatewayTest {
  private AthenaApiStandIn api;
  private Gateway sdkGateway;

  @BeforeAll void start(TestGateway tg) throws IOException {
    api = AthenaApiStandIn.start(tg.stack().trinoJdbcUrl(), TrinoStandIn.USER);
    TiergateConfig local = LocalGatewayConfig.forStack(tg.stack(), 0);
    StoresConfig stores = local.stores();
    sdkGateway = Gateway.start(new TiergateConfig(local.server(), new StoresConfig(
        stores.dynamodb(), stores.redis(), stores.s3(), stores.redshift(),
        new AthenaConfig(null, null, null, null, "sdk", "tiergate-e2e",
            "s3://tiergate-results/athena/", api.endpoint().toString(), "us-east-1", "test",
            "test", 15, 60)), local.tables()));
  }

  @AfterAll void stop() {
    sdkGateway.close();
    api.close();
  }

  private List<String> rows(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, new Properties());
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<String> rows = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        rows.add(row.toString());
      }
      return rows;
    }
  }

  private List<String> sameAsJdbcMode(TestGateway tg, String sql) throws SQLException {
    List<String> expected = rows(tg.url(), sql);
    List<String> actual = rows("jdbc:tiergate://127.0.0.1:" + sdkGateway.port(), sql);
    assertThat(actual).containsExactlyElementsOf(expected);
    return actual;
  }

  private double athenaRequests() {
    return sdkGateway.metrics().get("tiergate.store.requests").tag("store", "athena").counter()
        .count();
  }

  @Test void coldRowsAndAggregatesMatchJdbcMode(TestGateway tg) throws SQLException {
    double before = athenaRequests();
    assertThat(sameAsJdbcMode(tg, "SELECT event_id, event_time, kind, amount FROM events"
        + " WHERE event_time >= TIMESTAMP '2022-03-01 00:00:00'"
        + " AND event_time < TIMESTAMP '2022-04-01 00:00:00' ORDER BY event_time, event_id"))
        .isNotEmpty();
    assertThat(sameAsJdbcMode(tg, "SELECT kind, COUNT(*), MIN(event_time), MAX(amount)"
        + " FROM athena.events GROUP BY kind ORDER BY kind")).hasSizeGreaterThan(1);
    assertThat(sameAsJdbcMode(tg, "SELECT kind, COUNT(*) AS n FROM events"
        + " WHERE event_time < TIMESTAMP '2023-01-01 00:00:00' GROUP BY kind"
        + " HAVING COUNT(*) > 5 ORDER BY n DESC, kind LIMIT 3")).hasSize(3);
    assertThat(athenaRequests()).isGreaterThanOrEqualTo(before + 3);
  }

  /**
   * A java.sql.Timestamp bind value on the cold tier: Calcite holds it as epoch millis, and
   * only the plan's type makes it reach the Athena API as a TIMESTAMP literal.
   */
  @Test void timestampBindValueOnTheColdTier(TestGateway tg) throws SQLException {
    String literal = "SELECT COUNT(*) FROM events WHERE event_time >= TIMESTAMP"
        + " '2022-03-01 00:00:00' AND event_time < TIMESTAMP '2022-03-15 12:30:00.500'";
    List<String> expected = sameAsJdbcMode(tg, literal);
    assertThat(Long.parseLong(expected.get(0))).isPositive();
    Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    double before = athenaRequests();
    try (Connection c = DriverManager.getConnection(
            "jdbc:tiergate://127.0.0.1:" + sdkGateway.port(), new Properties());
         PreparedStatement ps = c.prepareStatement(
             "SELECT COUNT(*) FROM events WHERE event_time >= ? AND event_time < ?")) {
      ps.setTimestamp(1, Timestamp.from(Instant.parse("2022-03-01T00:00:00Z")), utc);
      ps.setTimestamp(2, Timestamp.from(Instant.parse("2022-03-15T12:30:00.500Z")), utc);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo(expected.get(0));
      }
    }
    assertThat(athenaRequests()).isGreaterThan(before);
  }
}
