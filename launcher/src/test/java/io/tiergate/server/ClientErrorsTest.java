package io.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tiergate.planner.manifest.TimeSlice;
import io.tiergate.server.error.ErrorResponses;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Errors as a client sees them through the Tiergate driver, the same through Statement and
 * PreparedStatement and in both serializations: the reason first, once, with its SQLState and
 * code as docs/errors.md lists them, no wrappers, no Java class names, and an error id that
 * finds the stack trace in the gateway's log.
 */
@ExtendWith(TestGateway.Extension.class)
class ClientErrorsTest {
  private static final Pattern ERROR_ID = Pattern.compile("\\[error id ([0-9a-f]{8})]$");

  /** The serializations, as URL options. */
  private static final String PROTOBUF = "";
  private static final String JSON = "?serialization=json";

  /** SQLState by vendor code, from the table in docs/errors.md. */
  private static Map<Integer, String> documentedStates() throws Exception {
    Map<Integer, String> states = new HashMap<>();
    Matcher row = Pattern.compile("(?m)^\\| (\\d+) \\| `([0-9A-Z]{5})` \\|")
        .matcher(Files.readString(Path.of("..", "docs", "errors.md")));
    while (row.find()) {
      states.put(Integer.parseInt(row.group(1)), row.group(2));
    }
    assertThat(states).hasSizeGreaterThan(20);
    return states;
  }

  /** What every error must be: the reason first, its documented state, nothing of Java. */
  private static void assertClientError(SQLException e, String reasonStart, int code,
      String sqlState) throws Exception {
    assertThat(e.getMessage()).startsWith(reasonStart)
        .doesNotContain("Remote driver error").doesNotContain("Error while")
        .doesNotContain("while preparing").doesNotContainPattern("java\\.|\\tat |Exception")
        .containsPattern(ERROR_ID);
    assertThat(e.getErrorCode()).isEqualTo(code);
    assertThat(e.getSQLState()).isEqualTo(sqlState).isNotEqualTo("00000")
        .isEqualTo(documentedStates().get(code));
    // The reason appears once.
    assertThat(e.getMessage().split(Pattern.quote(reasonStart), -1)).hasSize(2);
  }

  private static SQLException viaStatement(Connection c, String sql) {
    return catchThrowableOfType(SQLException.class, () -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        rs.next();
      }
    });
  }

  private static SQLException viaPreparedStatement(Connection c, String sql) {
    return catchThrowableOfType(SQLException.class, () -> {
      try (PreparedStatement p = c.prepareStatement(sql); ResultSet rs = p.executeQuery()) {
        rs.next();
      }
    });
  }

  @ParameterizedTest @ValueSource(strings = {PROTOBUF, JSON})
  void planningErrorsGiveTheirReasonFirstOnEveryPath(String serialization, TestGateway tg)
      throws Exception {
    try (Connection c = tg.connect(serialization)) {
      for (SQLException e : new SQLException[] {
          viaStatement(c, "SELECT nope FROM events"),
          viaPreparedStatement(c, "SELECT nope FROM events")}) {
        assertClientError(e, "Column 'nope' not found in any table (line 1, column 8)", 1003,
            "42703");
      }
      for (SQLException e : new SQLException[] {viaStatement(c, "SELEC 1"),
          viaPreparedStatement(c, "SELEC 1")}) {
        assertClientError(e, "Syntax error at line 1, column 1: ", 1001, "42601");
      }
      for (SQLException e : new SQLException[] {viaStatement(c, "SELECT * FROM no_such"),
          viaPreparedStatement(c, "SELECT * FROM no_such")}) {
        assertClientError(e, "Object 'no_such' not found (line 1, column 15)", 1002, "42P01");
      }
      // Found while running rather than planning: a value the statement cannot compute with.
      for (SQLException e : new SQLException[] {viaStatement(c, "SELECT 1/0 FROM sessions"),
          viaPreparedStatement(c, "SELECT 1/0 FROM sessions")}) {
        assertClientError(e, "Division by zero", 2004, "22000");
      }
      // The same statement again runs the cached plan, whose constant already failed once.
      assertClientError(viaStatement(c, "SELECT 1/0 FROM sessions"), "Division by zero", 2004,
          "22000");
      // A Statement's batch goes its own way through Avatica.
      SQLException batch = catchThrowableOfType(SQLException.class, () -> {
        try (Statement s = c.createStatement()) {
          s.addBatch("INSERT INTO nowhere (x) VALUES (1)");
          s.executeBatch();
        }
      });
      assertClientError(batch, "Object 'nowhere' not found (line 1, column 13)", 1002, "42P01");
      // The connection is still usable.
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sessions")) {
        assertThat(rs.next()).isTrue();
      }
    }
  }

  @ParameterizedTest @ValueSource(strings = {PROTOBUF, JSON})
  void anArchivedRangeIsRefusedWithTheRestoreToRun(String serialization, TestGateway tg)
      throws Exception {
    TimeSlice month = GlacierRestoreTest.deepArchiveMonth(tg);
    GlacierRestoreTest.expireRestore(tg, month);
    try (Connection c = tg.connect(serialization)) {
      String sql = "SELECT COUNT(*) FROM events WHERE event_time >= TIMESTAMP '"
          + TestGateway.sqlTimestamp(month.fromInclusive()) + "' AND event_time < TIMESTAMP '"
          + TestGateway.sqlTimestamp(month.toExclusive()) + "'";
      for (SQLException e : new SQLException[] {viaStatement(c, sql),
          viaPreparedStatement(c, sql)}) {
        assertClientError(e, "Table 'events': the query needs ", 4001, "55000");
        assertThat(e.getMessage()).contains("that are not restored")
            .contains("CALL tiergate.restore('events', TIMESTAMP '"
                + TestGateway.sqlTimestamp(month.fromInclusive()) + "', TIMESTAMP '"
                + TestGateway.sqlTimestamp(month.toExclusive()) + "', 'STANDARD')");
      }
    } finally {
      tg.restoreAllArchived();
    }
  }

  @ParameterizedTest @ValueSource(strings = {PROTOBUF, JSON})
  void authenticationAndPermissionsHaveTheirStates(String serialization, TestGateway tg)
      throws Exception {
    SQLException wrong = catchThrowableOfType(SQLException.class,
        () -> tg.connectAs("admin", "not-the-password", serialization).close());
    assertClientError(wrong, "Authentication failed for user 'admin': unknown user or wrong "
        + "password", 3001, "28P01");
    assertThat(wrong.getMessage()).doesNotContain("not-the-password");

    TimeSlice month = GlacierRestoreTest.deepArchiveMonth(tg);
    String call = "CALL tiergate.restore('events', TIMESTAMP '"
        + TestGateway.sqlTimestamp(month.fromInclusive()) + "', TIMESTAMP '"
        + TestGateway.sqlTimestamp(month.toExclusive()) + "', 'STANDARD')";
    try (Connection c = tg.connectAs("reader", "reader", serialization)) {
      for (SQLException e : new SQLException[] {viaStatement(c, call),
          viaPreparedStatement(c, call)}) {
        assertClientError(e, "Permission denied: CALL tiergate.restore needs the admin role; "
            + "user 'reader' has roles [reader]", 3003, "42501");
      }
    }
    SQLException restoreOption = catchThrowableOfType(SQLException.class,
        () -> tg.connect(serialization.isEmpty() ? "?archived=restore"
            : serialization + "&archived=restore").close());
    assertClientError(restoreOption, "Permission denied: Connection option archived=restore",
        3003, "42501");
  }

  /**
   * A client that is not the Tiergate driver sees Avatica's ErrorResponse: the reason, state
   * and code, no stack traces; the gateway's log holds the trace under the id it names.
   */
  @Test void aRawJsonErrorResponseCarriesNoStackTraceButTheIdOfTheLoggedOne(TestGateway tg)
      throws Exception {
    Logger log = (Logger) LoggerFactory.getLogger(ErrorResponses.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    log.addAppender(logged);
    try {
      HttpClient http = HttpClient.newHttpClient();
      URI gateway = URI.create("http://127.0.0.1:" + tg.gateway().port() + "/");
      post(http, gateway, "{\"request\":\"openConnection\",\"connectionId\":\"raw-json\","
          + "\"info\":{}}");
      String created = post(http, gateway, "{\"request\":\"createStatement\","
          + "\"connectionId\":\"raw-json\"}").body();
      Matcher statement = Pattern.compile("\"statementId\":(\\d+)").matcher(created);
      assertThat(statement.find()).as(created).isTrue();
      HttpResponse<String> response = post(http, gateway, "{\"request\":\"prepareAndExecute\","
          + "\"connectionId\":\"raw-json\",\"statementId\":" + statement.group(1) + ","
          + "\"sql\":\"SELECT * FROM no_such\",\"maxRowCount\":-1}");

      String body = response.body();
      assertThat(body).contains("\"response\":\"error\"").contains("\"exceptions\":[]")
          .contains("\"errorMessage\":\"Object 'no_such' not found (line 1, column 15) "
              + "[error id ").contains("\"sqlState\":\"42P01\"").contains("\"errorCode\":1002")
          .doesNotContain("at io.").doesNotContain("\\tat ").doesNotContain("Exception")
          .doesNotContain("java.");
      Matcher id = Pattern.compile("\\[error id ([0-9a-f]{8})]").matcher(body);
      assertThat(id.find()).isTrue();

      ILoggingEvent line = logged.list.stream()
          .filter(e -> e.getFormattedMessage().contains("[error id " + id.group(1) + "]"))
          .findFirst().orElseThrow();
      assertThat(line.getFormattedMessage()).contains("Object 'no_such' not found");
      assertThat(line.getThrowableProxy()).as("the stack trace is in the log").isNotNull();
      assertThat(line.getThrowableProxy().getStackTraceElementProxyArray()).isNotEmpty();

      // A request that is not even valid JSON: still Avatica's error shape, without a trace.
      String garbled = post(http, gateway, "{\"request\": nonsense").body();
      assertThat(garbled).contains("\"response\":\"error\"").contains("\"exceptions\":[]")
          .contains("\"sqlState\":\"08P01\"").doesNotContain("\\tat ")
          .doesNotContain("Exception").doesNotContain("java.");
    } finally {
      log.detachAppender(logged);
    }
  }

  private static HttpResponse<String> post(HttpClient http, URI gateway, String json)
      throws Exception {
    return http.send(HttpRequest.newBuilder(gateway)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
