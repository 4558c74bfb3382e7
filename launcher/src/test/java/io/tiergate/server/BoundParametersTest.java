package io.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tiergate.adapter.StoreRequests;
import io.tiergate.adapter.dynamodb.DynamoDbClientFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Calendar;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Parameters as clients bind them, through both serializations: text where a timestamp, date,
 * number or boolean is expected, java.time values, timestamps with and without a Calendar from a
 * client whose JVM time zone is New York's (see NewYorkClient), NULL of every type, BigDecimal;
 * and a value that does not convert, refused naming the parameter.
 */
@ExtendWith(TestGateway.Extension.class)
class BoundParametersTest {
  private static final String TENANT = "tenant-parameters-test";
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final long DAY = 86_400_000L;

  private static Calendar utc() {
    return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
  }

  /** The rows of the demo at or after {@code from}. */
  private static long countFrom(TestGateway tg, Instant from) {
    AtomicLong count = new AtomicLong();
    tg.dataset().forEachEvent(row -> {
      if ((Long) row[2] >= from.toEpochMilli()) {
        count.incrementAndGet();
      }
    });
    return count.get();
  }

  private interface Binder {
    void bind(PreparedStatement p) throws SQLException;
  }

  private static long count(Connection c, String sql, Binder binder) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      binder.bind(p);
      try (ResultSet rs = p.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getLong(1);
      }
    }
  }

  /** The first column of {@code SELECT <expression>} with one parameter, as text. */
  private static String echo(Connection c, String expression, Binder binder)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT " + expression)) {
      binder.bind(p);
      try (ResultSet rs = p.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getString(1);
      }
    }
  }

  /**
   * The client runs in a JVM of its own whose time zone is New York's (as a BI tool's would),
   * the gateway in this one, in UTC as bin/tiergate runs it: Avatica's client binds date-times
   * in the client's zone, and the gateway's store drivers bind them in the server's.
   */
  @ParameterizedTest @ValueSource(strings = {"", "?serialization=json"})
  void aTimestampParameterIsTheInstantMeantHoweverItIsBound(String serialization,
      TestGateway tg) throws Exception {
    // Two days below the hot floor, at a second that is not midnight in either zone.
    Instant from = Instant.ofEpochMilli(tg.demo().manifest().hotFloor() - 2 * DAY)
        .plusSeconds(3_723);
    long expected = countFrom(tg, from);
    assertThat(expected).isPositive().isLessThan(TestGateway.ROWS);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process client = new ProcessBuilder(java.toString(), "-Duser.timezone=" + NEW_YORK.getId(),
        "-cp", System.getProperty("java.class.path"), NewYorkClient.class.getName(),
        tg.url() + serialization, Long.toString(from.toEpochMilli()), Long.toString(expected))
        .redirectErrorStream(true).start();
    String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(client.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(client.exitValue()).as(output).isZero();
    assertThat(output).contains(NewYorkClient.PASSED);
  }

  @ParameterizedTest @ValueSource(strings = {"", "?serialization=json"})
  void textNumbersBooleansDatesAndTimesAreConvertedToTheParametersType(String serialization,
      TestGateway tg) throws Exception {
    AtomicLong over = new AtomicLong();
    tg.dataset().forEachEvent(row -> {
      if (row[4] != null && (Double) row[4] > 50.5) {
        over.incrementAndGet();
      }
    });
    String amount = "SELECT COUNT(*) FROM events WHERE amount > ?";
    try (Connection c = tg.connect(serialization)) {
      assertThat(count(c, amount, p -> p.setBigDecimal(1, new BigDecimal("50.5"))))
          .isEqualTo(over.get()).isPositive();
      assertThat(count(c, amount, p -> p.setString(1, "50.5"))).isEqualTo(over.get());
      assertThat(count(c, amount, p -> p.setDouble(1, 50.5))).isEqualTo(over.get());

      assertThat(echo(c, "CAST(? AS DECIMAL(10, 2))",
          p -> p.setBigDecimal(1, new BigDecimal("12.34")))).isEqualTo("12.34");
      assertThat(echo(c, "CAST(? AS INTEGER) + 1", p -> p.setString(1, " 41 ")))
          .isEqualTo("42");
      assertThat(echo(c, "CAST(? AS BIGINT) * 2", p -> p.setBigDecimal(1,
          new BigDecimal("4000000000")))).isEqualTo("8000000000");
      assertThat(echo(c, "CAST(? AS BOOLEAN)", p -> p.setString(1, "true"))).isEqualTo("true");
      assertThat(echo(c, "CAST(? AS BOOLEAN)", p -> p.setString(1, "0"))).isEqualTo("false");
      assertThat(echo(c, "NOT CAST(? AS BOOLEAN)", p -> p.setBoolean(1, false)))
          .isEqualTo("true");
      assertThat(echo(c, "CAST(? AS DATE)", p -> p.setString(1, "2026-12-01")))
          .isEqualTo("2026-12-01");
      assertThat(echo(c, "CAST(? AS DATE)", p -> p.setObject(1, LocalDate.of(2026, 12, 1))))
          .isEqualTo("2026-12-01");
      assertThat(echo(c, "CAST(? AS DATE)", p -> p.setDate(1,
          new java.sql.Date(LocalDate.of(2026, 12, 1).toEpochDay() * DAY), utc())))
          .isEqualTo("2026-12-01");
      assertThat(echo(c, "CAST(? AS TIME)", p -> p.setObject(1, LocalTime.of(13, 45))))
          .isEqualTo("13:45:00");
      assertThat(echo(c, "CAST(? AS TIME)", p -> p.setString(1, "13:45:00")))
          .isEqualTo("13:45:00");
      assertThat(echo(c, "CAST(? AS VARCHAR(20))", p -> p.setInt(1, 7))).isEqualTo("7");
    }
  }

  @ParameterizedTest @ValueSource(strings = {"", "?serialization=json"})
  void nullOfEveryTypeIsNull(String serialization, TestGateway tg) throws Exception {
    Map<String, Integer> types = Map.ofEntries(Map.entry("VARCHAR(10)", Types.VARCHAR),
        Map.entry("CHAR(3)", Types.CHAR), Map.entry("INTEGER", Types.INTEGER),
        Map.entry("BIGINT", Types.BIGINT), Map.entry("SMALLINT", Types.SMALLINT),
        Map.entry("TINYINT", Types.TINYINT), Map.entry("DOUBLE", Types.DOUBLE),
        Map.entry("REAL", Types.REAL), Map.entry("DECIMAL(10, 2)", Types.DECIMAL),
        Map.entry("BOOLEAN", Types.BOOLEAN), Map.entry("DATE", Types.DATE),
        Map.entry("TIME", Types.TIME), Map.entry("TIMESTAMP", Types.TIMESTAMP));
    try (Connection c = tg.connect(serialization)) {
      for (var type : types.entrySet()) {
        try (PreparedStatement p = c.prepareStatement("SELECT CAST(? AS " + type.getKey()
            + ") IS NULL, CAST(? AS " + type.getKey() + ")")) {
          p.setNull(1, type.getValue());
          p.setNull(2, Types.NULL);
          try (ResultSet rs = p.executeQuery()) {
            rs.next();
            assertThat(rs.getBoolean(1)).as(type.getKey()).isTrue();
            assertThat(rs.getObject(2)).as(type.getKey()).isNull();
          }
        }
      }
      // A NULL bound where the statement compares: no row matches.
      assertThat(count(c, "SELECT COUNT(*) FROM events WHERE event_time >= ?",
          p -> p.setNull(1, Types.TIMESTAMP))).isZero();
    }
  }

  @ParameterizedTest @ValueSource(strings = {"", "?serialization=json"})
  void aValueThatDoesNotConvertIsRefusedNamingTheParameter(String serialization,
      TestGateway tg) throws Exception {
    try (Connection c = tg.connect(serialization)) {
      SQLException time = catchThrowableOfType(SQLException.class, () -> count(c,
          "SELECT COUNT(*) FROM events WHERE event_time >= CAST(? AS TIMESTAMP)",
          p -> p.setString(1, "yesterday")));
      assertThat(time.getMessage()).startsWith("Parameter 1 (TIMESTAMP): 'yesterday' is not a "
          + "timestamp such as '2026-12-01 00:00:00'").doesNotContain("java.");
      assertThat(time.getSQLState()).isEqualTo("22007");
      assertThat(time.getErrorCode()).isEqualTo(2002);

      SQLException number = catchThrowableOfType(SQLException.class, () -> echo(c,
          "CAST(? AS INTEGER) + ?", p -> {
            p.setInt(1, 1);
            p.setString(2, "4.5");
          }));
      assertThat(number.getMessage()).startsWith("Parameter 2 (INTEGER): '4.5' is not a whole "
          + "number");
      assertThat(number.getSQLState()).isEqualTo("22018");
      assertThat(number.getErrorCode()).isEqualTo(2001);
    }
  }

  /** executeBatch binds each row as execute does; a bad row is refused before any is written. */
  @ParameterizedTest @ValueSource(strings = {"", "?serialization=json"})
  void batchRowsAreConvertedAndABadRowNamesItsRow(String serialization, TestGateway tg)
      throws Exception {
    Instant now = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
    String insert = "INSERT INTO events (tenant_id, event_id, event_time, kind, amount, user_id,"
        + " region) VALUES (?, ?, ?, 'view', ?, ?, 'eu')";
    try (Connection c = tg.connect(serialization)) {
      try (PreparedStatement p = c.prepareStatement(insert)) {
        p.setString(1, TENANT);
        p.setString(2, "text-time");
        p.setString(3, LocalDateTime.ofInstant(now, ZoneOffset.UTC).toString());
        p.setString(4, "1.25");
        p.setNull(5, Types.VARCHAR);
        p.addBatch();
        p.setString(1, TENANT);
        p.setString(2, "instant");
        p.setObject(3, now.plusSeconds(1));
        p.setBigDecimal(4, new BigDecimal("2.5"));
        p.setString(5, "u-2");
        p.addBatch();
        assertThat(p.executeBatch()).containsExactly(1, 1);
      }
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT event_id, "
          + "event_time, amount, user_id FROM events WHERE tenant_id = '" + TENANT + "' "
          + "ORDER BY event_time")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("text-time");
        assertThat(rs.getTimestamp(2, utc()).toInstant()).isEqualTo(now);
        assertThat(rs.getDouble(3)).isEqualTo(1.25);
        assertThat(rs.getString(4)).isNull();
        assertThat(rs.next()).isTrue();
        assertThat(rs.getTimestamp(2, utc()).toInstant()).isEqualTo(now.plusSeconds(1));
        assertThat(rs.getDouble(3)).isEqualTo(2.5);
        assertThat(rs.next()).isFalse();
      }

      SQLException refused = catchThrowableOfType(SQLException.class, () -> {
        try (PreparedStatement p = c.prepareStatement(insert)) {
          p.setString(1, TENANT);
          p.setString(2, "fine");
          p.setObject(3, now.plusSeconds(2));
          p.setDouble(4, 1);
          p.setString(5, "u");
          p.addBatch();
          p.setString(1, TENANT);
          p.setString(2, "bad");
          p.setString(3, "not a time");
          p.setDouble(4, 1);
          p.setString(5, "u");
          p.addBatch();
          p.executeBatch();
        }
      });
      assertThat(refused.getMessage()).startsWith("Batch row 2: Parameter 3 (TIMESTAMP): "
          + "'not a time' is not a timestamp").doesNotContain("Remote driver error");
      assertThat(refused.getSQLState()).isEqualTo("22007");
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT COUNT(*) FROM events WHERE tenant_id = '" + TENANT + "'")) {
        rs.next();
        assertThat(rs.getLong(1)).as("nothing of the refused batch written").isEqualTo(2);
      }
    } finally {
      deleteInsertedRows(tg);
    }
  }

  private static void deleteInsertedRows(TestGateway tg) {
    try (DynamoDbClient dynamo = DynamoDbClientFactory.create(tg.stack().dynamoDbEndpoint(),
        "us-east-1", "local", "local", new StoreRequests(new SimpleMeterRegistry()), "test")) {
      dynamo.queryPaginator(b -> b.tableName("events").keyConditionExpression("tenant_id = :t")
          .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(TENANT)))).items()
          .forEach(item -> dynamo.deleteItem(b -> b.tableName("events").key(Map.of(
              "tenant_id", item.get("tenant_id"), "sort_key", item.get("sort_key")))));
    }
  }
}
