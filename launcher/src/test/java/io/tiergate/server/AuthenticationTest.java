package io.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiergate.planner.manifest.TimeSlice;
import io.tiergate.server.config.TiergateConfig;
import io.tiergate.launcher.LocalGatewayConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Users, passwords and the admin role, over HTTP through the JDBC driver: credentials as
 * connection properties or URL options; admin procedures refused to readers before they change
 * anything.
 */
@ExtendWith(TestGateway.Extension.class)
class AuthenticationTest {
  private static final String DENIED = "Permission denied: CALL tiergate.restore needs the "
      + "admin role; user '%s' has roles [%s]";

  private static String restoreCall(TimeSlice month) {
    return "CALL tiergate.restore('events', TIMESTAMP '"
        + TestGateway.sqlTimestamp(month.fromInclusive()) + "', TIMESTAMP '"
        + TestGateway.sqlTimestamp(month.toExclusive()) + "', 'STANDARD')";
  }

  private static String countSql(TimeSlice month) {
    return "SELECT COUNT(*) FROM events WHERE event_time >= TIMESTAMP '"
        + TestGateway.sqlTimestamp(month.fromInclusive()) + "' AND event_time < TIMESTAMP '"
        + TestGateway.sqlTimestamp(month.toExclusive()) + "'";
  }

  @Test void readersAreDeniedRestoreAndNothingChangesAdminsMayRunIt(TestGateway tg)
      throws Exception {
    TimeSlice month = GlacierRestoreTest.deepArchiveMonth(tg);
    GlacierRestoreTest.expireRestore(tg, month);
    long version = tg.gateway().catalog().manifests().current("events").version();
    String call = restoreCall(month);

    try (Connection c = tg.connect(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery(call)).isInstanceOf(SQLException.class)
          .hasMessageContaining(DENIED.formatted("anonymous", "reader"));
      // The same function reached without CALL is checked the same way.
      assertThatThrownBy(() -> s.executeQuery(
          "SELECT * FROM TABLE(" + call.substring("CALL ".length()) + ")"))
          .hasMessageContaining(DENIED.formatted("anonymous", "reader"));
    }
    try (Connection c = tg.connectAs("reader", "reader", ""); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery(call))
          .hasMessageContaining(DENIED.formatted("reader", "reader"));
    }
    assertThatThrownBy(() -> tg.connect("?archived=restore"))
        .hasMessageContaining("Permission denied: Connection option archived=restore (it starts"
            + " restores) needs the admin role; user 'anonymous' has roles [reader]");
    // Nothing changed: the same manifest, the month still archived.
    assertThat(tg.gateway().catalog().manifests().current("events").version())
        .isEqualTo(version);
    try (Connection c = tg.connect(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery(countSql(month)))
          .hasMessageContaining("not restored");
    }

    // The credentials as URL options work as well as properties.
    try (Connection c = DriverManager.getConnection(tg.url() + "?user=admin&password=admin");
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(call)) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("state")).isEqualTo("RESTORED");
    }
    try (Connection c = tg.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(countSql(month))) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isPositive();
    }
  }

  @Test void wrongCredentialsAreRefusedNamingTheUserNotThePassword(TestGateway tg) {
    assertThatThrownBy(() -> tg.connectAs("admin", "Adm1n-typo", ""))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Authentication failed for user 'admin': unknown user or wrong "
            + "password")
        .hasMessageNotContaining("Adm1n-typo");
    assertThatThrownBy(() -> DriverManager.getConnection(tg.url() + "?user=mallory&password=x"))
        .hasMessageContaining("Authentication failed for user 'mallory'");
    // A client cannot claim roles: the gateway reads none of its other properties.
    Properties claim = new Properties();
    claim.setProperty("tiergate.caller.user", "admin");
    claim.setProperty("tiergate.caller.roles", "admin");
    assertThatThrownBy(() -> {
      try (Connection c = DriverManager.getConnection(tg.url(), claim);
          Statement s = c.createStatement()) {
        s.executeQuery(restoreCall(GlacierRestoreTest.deepArchiveMonth(tg)));
      }
    }).hasMessageContaining(DENIED.formatted("anonymous", "reader"));
  }

  /** {@code serve} with users and no {@code anonymous}: no credentials, no connection. */
  @Test void aServerWithUsersRefusesConnectionsWithoutCredentials(TestGateway tg)
      throws Exception {
    TiergateConfig local = LocalGatewayConfig.forStack(tg.stack(), 0);
    TiergateConfig.ServerConfig server = local.server();
    TiergateConfig serve = new TiergateConfig(new TiergateConfig.ServerConfig(server.host(), 0,
        server.users(), null), local.stores(), local.tables());
    assertThat(serve.server().anonymous()).isEqualTo("none");
    try (Gateway refusing = Gateway.start(serve)) {
      String url = "jdbc:tiergate://127.0.0.1:" + refusing.port();
      assertThatThrownBy(() -> DriverManager.getConnection(url))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("Authentication required: this gateway checks credentials on"
              + " every request");
      String hot = "SELECT COUNT(*) FROM events WHERE event_time >= TIMESTAMP '"
          + TestGateway.sqlTimestamp(tg.demo().manifest().hotFloor()) + "'";
      try (Connection c = DriverManager.getConnection(url + "?user=reader&password=reader");
          Statement s = c.createStatement(); ResultSet rs = s.executeQuery(hot)) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isPositive().isEqualTo(count(tg, hot));
      }
    }
  }

  private static long count(TestGateway tg, String sql) throws SQLException {
    try (Connection c = tg.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
