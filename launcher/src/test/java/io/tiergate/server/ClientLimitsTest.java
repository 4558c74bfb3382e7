package io.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.tiergate.launcher.LocalGatewayConfig;
import io.tiergate.server.config.TiergateConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code server.limits}: connections per user, statements per connection and the request size,
 * each refused past its bound with SQLState 54000 and a message naming the limit, through the
 * driver in both serializations; what was open before keeps working.
 */
@ExtendWith(TestGateway.Extension.class)
class ClientLimitsTest {
  @ParameterizedTest
  @ValueSource(strings = {"json", "protobuf"})
  void eachLimitRefusesWithItsNameAndChangesNothing(String serialization, TestGateway tg)
      throws Exception {
    TiergateConfig local = LocalGatewayConfig.forStack(tg.stack(), 0);
    TiergateConfig limited = local.withServer(local.server().withLimits(
        new TiergateConfig.LimitsConfig(64L * 1024, 2, 3, null)));
    try (Gateway gateway = Gateway.start(limited)) {
      String url = "jdbc:tiergate://127.0.0.1:" + gateway.port() + "?serialization="
          + serialization + "&user=reader&password=reader";
      try (Connection first = DriverManager.getConnection(url);
          Connection second = DriverManager.getConnection(url)) {
        SQLException third = catchThrowableOfType(SQLException.class,
            () -> DriverManager.getConnection(url).close());
        assertNotNull(third, "a third connection");
        assertThat(third.getMessage()).startsWith("Too many connections: user 'reader' has 2"
            + " open, the limit of server.limits.connections-per-user");
        assertThat(third.getSQLState()).isEqualTo("54000");
        assertThat(count(second)).isPositive();

        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          statements.add(first.createStatement());
        }
        SQLException fourth = catchThrowableOfType(SQLException.class,
            () -> first.prepareStatement("SELECT COUNT(*) FROM sessions"));
        assertNotNull(fourth, "a fourth statement");
        assertThat(fourth.getMessage()).startsWith("Too many statements: connection ")
            .contains("has 3 open, the limit of server.limits.statements-per-connection");
        assertThat(fourth.getSQLState()).isEqualTo("54000");
        statements.remove(0).close();
        try (PreparedStatement p = first.prepareStatement("SELECT COUNT(*) FROM sessions"
            + " WHERE user_id <> ?")) {
          String big = "x".repeat(100 * 1024);
          p.setString(1, big);
          SQLException tooLarge = catchThrowableOfType(SQLException.class, p::executeQuery);
          assertNotNull(tooLarge, "a request over the bound");
          assertThat(tooLarge.getMessage()).startsWith("Request too large: ")
              .contains("over server.limits.request-bytes (65536)");
          assertThat(tooLarge.getSQLState()).isEqualTo("54000");
          p.setString(1, "small");
          try (ResultSet rs = p.executeQuery()) {
            assertThat(rs.next()).isTrue();
          }
        }
        for (Statement s : statements) {
          s.close();
        }
      }
      // Both connections closed: the user may open two again.
      try (Connection again = DriverManager.getConnection(url)) {
        assertThat(count(again)).isPositive();
      }
    }
  }

  private static long count(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sessions")) {
      assertThat(rs.next()).isTrue();
      return rs.getLong(1);
    }
  }
}
