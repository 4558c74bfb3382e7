package io.tiergate.adapter.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tiergate.adapter.StoreRequests;
import io.tiergate.adapter.jdbc.AthenaCalcite;
import io.tiergate.adapter.jdbc.DemoOnce;
import io.tiergate.adapter.jdbc.JdbcStoreSchemas;
import io.tiergate.local.LocalStack;
import io.tiergate.local.LocalStackExtension;
import io.tiergate.local.TrinoStandIn;
import io.tiergate.local.athena.AthenaApiStandIn;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.GetQueryResultsRequest;
import software.amazon.awssdk.services.athena.model.QueryExecutionContext;
import software.amazon.awssdk.services.athena.model.ResultConfiguration;
import software.amazon.awssdk.services.athena.model.ResultReuseByAgeConfiguration;
import software.amazon.awssdk.services.athena.model.ResultReuseConfiguration;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;

/**
 * The cold table ({@code hive.archive.events}) read through Calcite's JDBC schema in both Athena
 * modes: Trino JDBC (local default) and the SDK path (StartQueryExecution, polling, paged
 * GetQueryResults) against {@link AthenaApiStandIn} over the same Trino. Every query shape
 * must return the same rows, and every StartQueryExecution must carry the configured
 * workgroup, output location and result reuse.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AthenaSdkModeTest {
  private static final Logger LOG = LoggerFactory.getLogger(AthenaSdkModeTest.class);
  private static final AthenaSettings SETTINGS = AthenaSettings.of("tiergate-test",
      "s3://tiergate-results/athena/", "hive", "archive", Duration.ofMinutes(15),
      Duration.ofSeconds(60));

  private final List<SdkRequest> sent = new CopyOnWriteArrayList<>();
  private AthenaApiStandIn api;
  private AthenaClient client;
  private DataSource viaSdk;
  private DataSource viaJdbc;

  @BeforeAll void start(LocalStack stack) throws IOException {
    DemoOnce.load(stack);
    api = AthenaApiStandIn.start(stack.trinoJdbcUrl(), TrinoStandIn.USER);
    client = AthenaClientFactory.create(api.endpoint(), "us-east-1", "test", "test",
        new ExecutionInterceptor() {
          @Override public void beforeExecution(Context.BeforeExecution context,
              ExecutionAttributes attributes) {
            sent.add(context.request());
          }
        });
    viaSdk = new AthenaDataSource(new SdkAthenaExecutor(client, SETTINGS,
        AthenaClientFactory.address(api.endpoint(), "us-east-1")), SETTINGS);
    viaJdbc = JdbcStoreSchemas.pooled("athena", "io.trino.jdbc.TrinoDriver",
        stack.trinoJdbcUrl(), TrinoStandIn.USER, null,
        new StoreRequests(new SimpleMeterRegistry()), "trino");
  }

  @AfterAll void stop() {
    client.close();
    api.close();
  }

  @BeforeEach void forget() {
    sent.clear();
  }

  /** The rows (columns joined by |) and the statement sent to the store. */
  private static List<String> rows(DataSource athena, String sql, List<String> pushed)
      throws SQLException {
    try (Connection connection = AthenaCalcite.connect(athena);
         Hook.Closeable hook = Hook.QUERY_PLAN.addThread((Object s) -> pushed.add(s.toString()));
         Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      return AthenaCalcite.rows(rs);
    }
  }

  /** Both modes: same statement pushed to the store, same rows; returns the rows. */
  private List<String> sameInBothModes(String sql) throws SQLException {
    List<String> pushedJdbc = new ArrayList<>();
    List<String> pushedSdk = new ArrayList<>();
    long start = System.nanoTime();
    List<String> jdbc = rows(viaJdbc, sql, pushedJdbc);
    long jdbcMillis = (System.nanoTime() - start) / 1_000_000;
    start = System.nanoTime();
    List<String> sdk = rows(viaSdk, sql, pushedSdk);
    LOG.info("{} rows: Trino JDBC {} ms, Athena API {} ms (metadata queries included): {}",
        sdk.size(), jdbcMillis, (System.nanoTime() - start) / 1_000_000, sql);
    assertThat(pushedSdk).isEqualTo(pushedJdbc).hasSize(1);
    assertThat(sdk).containsExactlyElementsOf(jdbc);
    return sdk;
  }

  @Test void filterAndProjectWithTimestampsAndDoublesAcrossPages() throws SQLException {
    List<String> rows = sameInBothModes("SELECT event_id, event_time, amount, kind"
        + " FROM athena.events WHERE amount > 10 ORDER BY event_time, event_id");
    assertThat(rows).hasSizeGreaterThan(2_000); // several GetQueryResults pages of 1000
    assertThat(rows.get(0)).matches("[^|]+\\|\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d.*\\|"
        + "[0-9.E-]+\\|.*");
    long pages = sent.stream().filter(r -> r instanceof GetQueryResultsRequest g
        && g.queryExecutionId() != null).count();
    // header + rows, 1000 a page, for the query; plus the metadata queries' single pages
    assertThat(pages).isGreaterThanOrEqualTo((rows.size() + 1 + 999) / 1000);
  }

  @Test void aggregate() throws SQLException {
    List<String> rows = sameInBothModes("SELECT kind, COUNT(*) AS n, MIN(event_time) AS first,"
        + " MAX(amount) AS top FROM athena.events GROUP BY kind ORDER BY kind");
    assertThat(rows).hasSizeGreaterThan(1);
  }

  @Test void havingOrderByLimitKeepsItsOrder() throws SQLException {
    List<String> rows = sameInBothModes("SELECT LOWER(user_id) AS u, n FROM ("
        + "SELECT user_id, COUNT(*) AS n FROM athena.events GROUP BY user_id"
        + " HAVING COUNT(*) > 1 ORDER BY n DESC, user_id LIMIT 3000) t"
        + " ORDER BY n DESC, user_id");
    assertThat(rows).hasSizeGreaterThan(1000);
  }

  @Test void timeRangeOnTimestampColumn() throws SQLException {
    // Two days from the first readable one (older days are in Glacier, which Trino skips).
    String first = rows(viaJdbc, "SELECT CAST(MIN(event_time) AS DATE) FROM athena.events",
        new ArrayList<>()).get(0);
    java.time.LocalDate day = java.time.LocalDate.parse(first);
    List<String> rows = sameInBothModes("SELECT event_time, amount FROM athena.events"
        + " WHERE event_time >= TIMESTAMP '" + day + " 00:00:00'"
        + " AND event_time < TIMESTAMP '" + day.plusDays(2) + " 00:00:00'"
        + " ORDER BY event_time, amount");
    assertThat(rows).isNotEmpty().allMatch(r -> r.startsWith(day.toString())
        || r.startsWith(day.plusDays(1).toString()));
  }

  @Test void bindValuesGoAsExecutionParameters() throws SQLException {
    String sql = "SELECT event_id, amount FROM athena.events WHERE kind = ? AND amount > ?"
        + " ORDER BY event_id";
    List<String> jdbc = prepared(viaJdbc, sql);
    List<String> sdk = prepared(viaSdk, sql);
    assertThat(sdk).isNotEmpty().containsExactlyElementsOf(jdbc);
    assertThat(sent.stream().filter(StartQueryExecutionRequest.class::isInstance)
        .map(r -> ((StartQueryExecutionRequest) r).executionParameters())
        .filter(p -> !p.isEmpty())).containsExactly(List.of("'purchase'", "DOUBLE '5.0'"));
  }

  private static List<String> prepared(DataSource athena, String sql) throws SQLException {
    try (Connection connection = AthenaCalcite.connect(athena);
         java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, "purchase");
      statement.setDouble(2, 5.0);
      List<String> rows = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          rows.add(rs.getString(1) + "|" + rs.getString(2));
        }
      }
      return rows;
    }
  }

  /**
   * Calcite binds a TIMESTAMP or DATE parameter as its internal number, which the Athena API
   * cannot retype; the plan's types make them time literals, and the counts match literal SQL.
   */
  @Test void timestampBindValuesGoAsTimestampLiterals() throws SQLException {
    String first = rows(viaJdbc, "SELECT CAST(MIN(event_time) AS DATE) FROM athena.events",
        new ArrayList<>()).get(0);
    // The first readable day (older ones are in Glacier, which Trino skips).
    java.time.LocalDate day = java.time.LocalDate.parse(first);
    java.time.LocalDateTime from = day.atTime(6, 30, 15, 250_000_000);
    long expectedSince = Long.parseLong(rows(viaJdbc, "SELECT COUNT(*) FROM athena.events"
        + " WHERE event_time >= TIMESTAMP '" + day + " 06:30:15.250'", new ArrayList<>())
        .get(0));
    long expectedOnDay = Long.parseLong(rows(viaJdbc, "SELECT COUNT(*) FROM athena.events"
        + " WHERE CAST(event_time AS DATE) = DATE '" + day + "'", new ArrayList<>()).get(0));
    assertThat(expectedSince).isPositive();
    assertThat(expectedOnDay).isPositive();

    sent.clear();
    Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    try (Connection connection = AthenaCalcite.connect(viaSdk)) {
      try (java.sql.PreparedStatement ps = connection.prepareStatement(
          "SELECT COUNT(*) FROM athena.events WHERE event_time >= ?")) {
        ps.setTimestamp(1, java.sql.Timestamp.from(from.toInstant(ZoneOffset.UTC)), utc);
        assertThat(AthenaCalcite.rows(ps.executeQuery()))
            .containsExactly(Long.toString(expectedSince));
      }
      try (java.sql.PreparedStatement ps = connection.prepareStatement(
          "SELECT COUNT(*) FROM athena.events WHERE CAST(event_time AS DATE) = ?")) {
        ps.setDate(1, new java.sql.Date(day.atStartOfDay(ZoneOffset.UTC).toInstant()
            .toEpochMilli()), utc);
        assertThat(AthenaCalcite.rows(ps.executeQuery()))
            .containsExactly(Long.toString(expectedOnDay));
      }
    }
    assertThat(sent.stream().filter(StartQueryExecutionRequest.class::isInstance)
        .map(r -> ((StartQueryExecutionRequest) r).executionParameters())
        .filter(p -> !p.isEmpty())).containsExactly(
            List.of("TIMESTAMP '" + day + " 06:30:15.250'"), List.of("DATE '" + day + "'"));
  }

  @Test void everyQueryCarriesWorkgroupOutputLocationAndResultReuse() throws SQLException {
    rows(viaSdk, "SELECT COUNT(*) FROM athena.events", new ArrayList<>());
    List<StartQueryExecutionRequest> starts = sent.stream()
        .filter(StartQueryExecutionRequest.class::isInstance)
        .map(StartQueryExecutionRequest.class::cast).toList();
    assertThat(starts).isNotEmpty();
    for (StartQueryExecutionRequest start : starts) {
      assertThat(start.toBuilder().queryString(null).build()).isEqualTo(
          StartQueryExecutionRequest.builder()
              .workGroup("tiergate-test")
              .resultConfiguration(ResultConfiguration.builder()
                  .outputLocation("s3://tiergate-results/athena/").build())
              .resultReuseConfiguration(ResultReuseConfiguration.builder()
                  .resultReuseByAgeConfiguration(ResultReuseByAgeConfiguration.builder()
                      .enabled(true).maxAgeInMinutes(15).build()).build())
              .queryExecutionContext(QueryExecutionContext.builder()
                  .catalog("hive").database("archive").build())
              .build());
    }
  }

  @Test void aFailedQueryReportsAthenasReason() {
    // Calcite pushes the cast down; Trino fails it at run time on the first non-number.
    assertThatThrownBy(() -> rows(viaSdk,
        "SELECT CAST(user_id AS INTEGER) FROM athena.events", new ArrayList<>()))
        .hasRootCauseInstanceOf(AthenaQueryException.class)
        .rootCause().hasMessageMatching("Athena query [0-9a-f-]{36} FAILED: .*Cannot cast .*");
  }
}
