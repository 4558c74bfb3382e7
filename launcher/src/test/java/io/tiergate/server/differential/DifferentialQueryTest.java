package io.tiergate.server.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.tiergate.planner.manifest.Tier;
import io.tiergate.server.TestGateway;
import io.tiergate.server.differential.DifferentialQuery.At;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The differential suite: every query of {@link DifferentialCorpus} through the gateway (the
 * JDBC driver over Avatica, the tiered stores behind it) and through the PostgreSQL reference
 * (the same rows in one plain table) must return the same rows; in the same order of the sort
 * keys where the query orders them. Each query is its own test, named after it; a failure shows
 * both SQL texts, the bind values, the rows that differ and the gateway's plan.
 */
@ExtendWith(TestGateway.Extension.class)
class DifferentialQueryTest {
  private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
  /** Far longer than any query needs on the local stack; a looping planner must not hang CI. */
  private static final int TIMEOUT_SECONDS = 120;
  private static final ExecutorService CALLS = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "differential-gateway-call");
    thread.setDaemon(true);
    return thread;
  });

  private static TestGateway tiergate;
  private static ReferenceDatabase reference;
  private static EdgeRows edgeRows;
  private static SliceEdges edges;
  private static Connection gateway;
  private static Connection postgres;

  @BeforeAll static void setUp(TestGateway tg) throws SQLException {
    tiergate = tg;
    reference = ReferenceDatabase.of(tg);
    edgeRows = EdgeRows.install(tg, reference);
    edges = SliceEdges.of(tg.dataset().nowMillis(), tg.demo().manifest());
    gateway = tg.connect();
    postgres = reference.connect();
  }

  @AfterAll static void tearDown() throws SQLException {
    try (Connection g = gateway; Connection p = postgres; EdgeRows e = edgeRows) {
      // closes all three, the edge rows first
    }
  }

  @Test void corpusCoversAtLeastAHundredQueries() {
    List<DifferentialQuery> queries = DifferentialCorpus.queries();
    assertThat(queries).hasSizeGreaterThanOrEqualTo(100);
    assertThat(queries.stream().filter(DifferentialQuery::prepared))
        .hasSizeGreaterThanOrEqualTo(10);
    assertThat(queries).anyMatch(q -> q.executions().size() > 3);
  }

  /** The fixture really put each edge row, and each stale copy, where a query will meet it. */
  @Test void edgeRowsAreInTheStoresAndTheReference() throws SQLException {
    Map<Tier, Integer> stored = edgeRows.storedPerTier();
    assertThat(edgeRowsIn(gateway, "dynamodb.events")).isEqualTo((long) stored.get(Tier.HOT));
    assertThat(edgeRowsIn(gateway, "redshift.events")).isEqualTo((long) stored.get(Tier.WARM));
    assertThat(edgeRowsIn(gateway, "athena.events")).isEqualTo((long) stored.get(Tier.COLD));
    assertThat(edgeRowsIn(postgres, "reference.events")).isEqualTo(edgeRows.owned().size());
    assertThat(stored.values().stream().mapToInt(Integer::intValue).sum())
        .isGreaterThan(edgeRows.owned().size());
  }

  private static long edgeRowsIn(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT COUNT(*) FROM " + table + " WHERE event_id LIKE 'edge-%'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @TestFactory Stream<DynamicTest> gatewayAnswersAsTheReference() {
    // -Ddifferential.only=<regex> runs the matching queries only (while working on a few).
    String only = System.getProperty("differential.only", ".*");
    return DifferentialCorpus.queries().stream().filter(q -> q.name().matches(only))
        .map(q -> DynamicTest.dynamicTest(q.name(), () -> check(q)));
  }

  private static void check(DifferentialQuery q) throws Exception {
    String gatewaySql = edges.render(q.gatewaySql());
    String referenceSql = edges.render(q.referenceSql());
    List<List<Object>> executions = q.prepared() ? q.executions() : List.of(List.of());
    long started = System.nanoTime();
    List<ResultTable> expected;
    try {
      expected = run(postgres, referenceSql, executions, true);
    } catch (SQLException e) {
      throw new IllegalStateException("The reference rejects query " + q.name() + " (fix the"
          + " corpus): " + referenceSql + ": " + e.getMessage(), e);
    }
    List<ResultTable> actual = null;
    String failure = null;
    try {
      actual = withTimeout(() -> run(gateway, gatewaySql, executions, false));
    } catch (SQLException e) {
      failure = "the gateway failed: " + e;
    } catch (TimeoutException e) {
      failure = "the gateway did not answer within " + TIMEOUT_SECONDS + " s";
      replaceGatewayConnection();
    }
    List<String> differences = new ArrayList<>();
    for (int i = 0; i < executions.size(); i++) {
      Optional<String> difference = failure != null ? Optional.of(failure)
          : ResultDifference.of(expected.get(i), actual.get(i), q.orderKeys());
      if (difference.isPresent()) {
        differences.add((q.prepared() && failure == null ? "  execution " + (i + 1) + ", bind "
            + bindText(executions.get(i)) + ":\n" : "") + "  "
            + difference.get().replace("\n", "\n  "));
      }
      if (failure != null) {
        break;
      }
    }
    String outcome = differences.isEmpty() ? "same"
        : failure == null ? "DIFFERS" : failure.replaceAll("\\s+", " ");
    System.out.printf("differential: %-40s %6d ms %s%n", q.name(),
        (System.nanoTime() - started) / 1_000_000,
        outcome.substring(0, Math.min(outcome.length(), 300)));
    if (differences.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder()
        .append("Query ").append(q.name()).append(": the gateway differs from the reference\n")
        .append("  gateway:   ").append(gatewaySql).append('\n')
        .append("  reference: ").append(referenceSql).append('\n');
    if (q.prepared()) {
      text.append("  ").append(differences.size()).append(" of ").append(executions.size())
          .append(" executions differ\n");
    }
    differences.forEach(d -> text.append(d).append('\n'));
    if (failure == null || !failure.contains("did not answer")) {
      text.append("  gateway plan:\n    ").append(plan(gatewaySql).replace("\n", "\n    "));
    }
    fail(text.toString());
  }

  /**
   * The results of one statement, or of one prepared statement executed once per list of bind
   * values. A failing execution fails the query: the gateway's error is the finding.
   */
  private static List<ResultTable> run(Connection connection, String sql,
      List<List<Object>> executions, boolean postgres) throws SQLException {
    List<ResultTable> results = new ArrayList<>();
    if (executions.size() == 1 && executions.get(0).isEmpty()) {
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        results.add(ResultTable.read(rs));
      }
      return results;
    }
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (List<Object> values : executions) {
        bind(statement, values, postgres);
        try (ResultSet rs = statement.executeQuery()) {
          results.add(ResultTable.read(rs));
        } catch (SQLException e) {
          throw new SQLException("(execution with bind values " + bindText(values) + ") "
              + e.getMessage(), e);
        }
      }
    }
    return results;
  }

  private static void bind(PreparedStatement statement, List<Object> values, boolean postgres)
      throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      Object value = values.get(i);
      if (value instanceof At at) {
        long millis = edges.millis(at.term());
        if (postgres) {
          statement.setObject(i + 1, SliceEdges.wallClock(millis));
        } else {
          statement.setTimestamp(i + 1, new Timestamp(millis), UTC);
        }
      } else if (value instanceof String s) {
        statement.setString(i + 1, s);
      } else if (value instanceof Double d) {
        statement.setDouble(i + 1, d);
      } else if (value instanceof Number n) {
        statement.setLong(i + 1, n.longValue());
      } else {
        throw new IllegalArgumentException("No binding for " + value);
      }
    }
  }

  private static String bindText(List<Object> values) {
    List<String> texts = new ArrayList<>();
    for (Object v : values) {
      texts.add(v instanceof At at ? "TIMESTAMP '" + SliceEdges.wallClock(
          edges.millis(at.term())) + "' " + at : "'" + v + "'");
    }
    return String.join(", ", texts);
  }

  private static <T> T withTimeout(Callable<T> call) throws Exception {
    Future<T> future = CALLS.submit(call);
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } catch (TimeoutException e) {
      future.cancel(true);
      throw e;
    }
  }

  /** After a request that never returned, the connection stays busy with it: use another. */
  private static void replaceGatewayConnection() throws SQLException {
    Connection stuck = gateway;
    CALLS.submit(() -> {
      stuck.close();
      return null;
    });
    gateway = tiergate.connect();
  }

  private static String plan(String sql) {
    try {
      return withTimeout(() -> {
        try (Statement s = gateway.createStatement();
            ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
          StringBuilder plan = new StringBuilder();
          while (rs.next()) {
            plan.append(rs.getString(1));
          }
          return plan.toString().strip();
        }
      });
    } catch (TimeoutException e) {
      try {
        replaceGatewayConnection();
      } catch (SQLException reconnect) {
        return "(no plan within " + TIMEOUT_SECONDS + " s; reconnecting failed: " + reconnect
            + ")";
      }
      return "(no plan within " + TIMEOUT_SECONDS + " s)";
    } catch (Exception e) {
      return "(no plan: " + e.getMessage() + ")";
    }
  }
}
