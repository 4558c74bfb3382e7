package io.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ConnectionConfigImpl;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.AvaticaHttpClient;
import org.apache.calcite.avatica.remote.AvaticaHttpClientFactoryImpl;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.RemoteProtobufService;
import org.apache.calcite.avatica.remote.RemoteService;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A second client that knows an admin's connection id (it travels in every request) but not the
 * admin's password: every request it makes on that connection is refused as unauthenticated,
 * in both serializations, and the admin's connection is left exactly as it was.
 */
@ExtendWith(TestGateway.Extension.class)
class ConnectionHijackTest {
  private static final String MIGRATE = "CALL tiergate.migrate('events', TRUE)";

  @ParameterizedTest(name = "{0}, attacker {1}")
  @CsvSource({"json, ''", "json, reader", "protobuf, ''", "protobuf, reader"})
  void anotherClientCannotActOnAnAdminsConnection(String serialization, String attacker,
      TestGateway tg) throws Exception {
    try (Connection admin = tg.connectAsAdmin("?serialization=" + serialization);
        Statement statement = admin.createStatement();
        PreparedStatement prepared = admin.prepareStatement(
            "SELECT COUNT(*) FROM sessions WHERE session_id <> ?")) {
      String connectionId = admin.unwrap(AvaticaConnection.class).id;
      int statementId = statement.unwrap(AvaticaStatement.class).getId();
      Meta.StatementHandle preparedHandle = prepared.unwrap(AvaticaStatement.class).handle;
      long jobsBefore = count(admin, "SELECT COUNT(*) FROM tiergate.jobs");
      Service service = service(tg, serialization, attacker);
      String refused = "Authentication failed: connection " + connectionId
          + " was not opened by user '" + attacker + "'";

      List<Function<Service, Object>> requests = List.of(
          s -> s.apply(new Service.CreateStatementRequest(connectionId)),
          s -> s.apply(new Service.PrepareAndExecuteRequest(connectionId, statementId, MIGRATE,
              -1, 100)),
          s -> s.apply(new Service.PrepareRequest(connectionId, MIGRATE, -1)),
          s -> s.apply(new Service.FetchRequest(connectionId, statementId, 0, 100)),
          s -> s.apply(new Service.ExecuteRequest(preparedHandle, List.of(), 100)),
          s -> s.apply(new Service.ConnectionSyncRequest(connectionId,
              new org.apache.calcite.avatica.ConnectionPropertiesImpl())),
          s -> s.apply(new Service.CloseStatementRequest(connectionId, statementId)),
          s -> s.apply(new Service.CloseConnectionRequest(connectionId)));
      for (Function<Service, Object> request : requests) {
        if (attacker.isEmpty()) {
          // No credentials: challenged (HTTP 401, Basic), which a client without any cannot
          // answer; Avatica's client reports the status.
          RuntimeException e = catchThrowableOfType(RuntimeException.class,
              () -> request.apply(service));
          assertThat(e).as("a request on another user's connection").isNotNull();
          assertThat(e.getMessage()).contains("HTTP/401");
          continue;
        }
        AvaticaClientRuntimeException e = catchThrowableOfType(
            AvaticaClientRuntimeException.class, () -> request.apply(service));
        assertThat(e).as("a request on another user's connection").isNotNull();
        assertThat(e.getMessage()).contains(refused);
        assertThat(e.getSqlState()).isEqualTo("28P01");
        assertThat(e.getServerExceptions()).isEmpty();
      }

      // Nothing changed: the admin's statements still run, no migration was started.
      try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM sessions")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isPositive();
      }
      prepared.setString(1, "none");
      try (ResultSet rs = prepared.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isPositive();
      }
      assertThat(count(admin, "SELECT COUNT(*) FROM tiergate.jobs")).isEqualTo(jobsBefore);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"json", "protobuf"})
  void aRequestWithWrongCredentialsIsRefusedBeforeAnything(String serialization,
      TestGateway tg) throws Exception {
    Service service = service(tg, serialization, "admin:not-the-password");
    AvaticaClientRuntimeException e = catchThrowableOfType(AvaticaClientRuntimeException.class,
        () -> service.apply(new Service.OpenConnectionRequest("hijack-" + serialization,
            java.util.Map.of("user", "admin"))));
    assertThat(e).isNotNull();
    assertThat(e.getMessage())
        .contains("Authentication failed for user 'admin': unknown user or wrong password");
    assertThat(e.getSqlState()).isEqualTo("28P01");
  }

  /**
   * Avatica's own client service, as any Avatica client speaks, with HTTP Basic credentials
   * {@code user} (password the same, or given as {@code user:password}) or none when empty.
   */
  private static Service service(TestGateway tg, String serialization, String user)
      throws Exception {
    Properties properties = new Properties();
    if (!user.isEmpty()) {
      int colon = user.indexOf(':');
      properties.setProperty("authentication", "BASIC");
      properties.setProperty("avatica_user", colon < 0 ? user : user.substring(0, colon));
      properties.setProperty("avatica_password", colon < 0 ? user : user.substring(colon + 1));
    }
    URL url = new URL("http://127.0.0.1:" + tg.gateway().port());
    AvaticaHttpClient client = AvaticaHttpClientFactoryImpl.getInstance()
        .getClient(url, new ConnectionConfigImpl(properties), null);
    return serialization.equals("json") ? new RemoteService(client)
        : new RemoteProtobufService(client, new ProtobufTranslationImpl());
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getLong(1);
    }
  }
}
