package io.tiergate.server.differential;

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
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a {@link DifferentialQuery} through the gateway (the JDBC driver over Avatica, the tiered
 * stores behind it) and through the PostgreSQL reference (the same rows in one plain table), and
 * says how the gateway's answer differs: rows as multisets, the order of the sort keys where the
 * query orders, or the gateway's error (a query that fails to plan is a difference too). A
 * prepared query runs as one PreparedStatement, executed once per list of bind values.
 */
final class DifferentialCheck implements AutoCloseable {
  private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
  /** Far longer than any query needs on the local stack; a looping planner must not hang CI. */
  private static final int TIMEOUT_SECONDS = 120;
  private static final ExecutorService CALLS = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "differential-gateway-call");
    thread.setDaemon(true);
    return thread;
  });

  private final TestGateway tiergate;
  private final SliceEdges edges;
  private final Connection postgres;
  private Connection gateway;

  DifferentialCheck(TestGateway tiergate, ReferenceDatabase reference) throws SQLException {
    this.tiergate = tiergate;
    this.edges = SliceEdges.of(tiergate.dataset().nowMillis(), tiergate.demo().manifest());
    this.postgres = reference.connect();
    this.gateway = tiergate.connect();
  }

  SliceEdges edges() {
    return edges;
  }

  Connection gateway() {
    return gateway;
  }

  Connection postgres() {
    return postgres;
  }

  /**
   * Empty when the gateway answers as the reference; else the report: both SQL texts, the bind
   * values, what differs (or the gateway's error) and the gateway's plan. Also prints one line
   * per query (name, time, outcome), as a progress log.
   */
  Optional<String> differences(DifferentialQuery q) {
    String gatewaySql = edges.render(q.gatewaySql());
    String referenceSql = edges.render(q.referenceSql());
    List<List<Object>> executions = q.prepared() ? q.executions() : List.of(List.of());
    long started = System.nanoTime();
    List<ResultTable> expected;
    try {
      expected = run(postgres, referenceSql, executions, true);
    } catch (SQLException e) {
      throw new IllegalStateException("The reference rejects query " + q.name() + " (fix the"
          + " query): " + referenceSql + ": " + e.getMessage(), e);
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
    } catch (Exception e) {
      failure = "the gateway call failed: " + e;
    }
    List<String> differences = new ArrayList<>();
    for (int i = 0; i < executions.size(); i++) {
      String bind = q.prepared() ? "  execution " + (i + 1) + ", bind "
          + bindText(executions.get(i)) + ":\n" : "";
      Optional<String> difference = failure != null ? Optional.of(failure)
          : ResultDifference.of(expected.get(i), actual.get(i), q.orderKeys());
      if (difference.isPresent()) {
        StringBuilder text = new StringBuilder(bind).append("  ")
            .append(difference.get().replace("\n", "\n  "));
        if (failure == null) {
          text.append("\n  expected ").append(shown(expected.get(i)))
              .append("\n  actual   ").append(shown(actual.get(i)));
        }
        differences.add(text.toString());
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
      return Optional.empty();
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
    return Optional.of(text.toString());
  }

  /** A result's first rows, for a report that shows both answers. */
  private static String shown(ResultTable table) {
    int shown = Math.min(table.rows().size(), 5);
    return table.rows().size() + " rows " + table.columns() + " " + table.rows().subList(0, shown)
        + (shown < table.rows().size() ? " ..." : "");
  }

  /**
   * The results of one statement, or of one prepared statement executed once per list of bind
   * values. A failing execution fails the query: the gateway's error is the finding.
   */
  private List<ResultTable> run(Connection connection, String sql,
      List<List<Object>> executions, boolean reference) throws SQLException {
    List<ResultTable> results = new ArrayList<>();
    if (executions.size() == 1 && executions.get(0).isEmpty()) {
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        results.add(ResultTable.read(rs));
      }
      return results;
    }
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (List<Object> values : executions) {
        bind(statement, values, reference);
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

  private void bind(PreparedStatement statement, List<Object> values, boolean reference)
      throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      Object value = values.get(i);
      if (value instanceof At at) {
        long millis = edges.millis(at.term());
        if (reference) {
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

  private String bindText(List<Object> values) {
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
  private void replaceGatewayConnection() {
    Connection stuck = gateway;
    CALLS.submit(() -> {
      stuck.close();
      return null;
    });
    try {
      gateway = tiergate.connect();
    } catch (SQLException e) {
      throw new IllegalStateException("Reconnecting to the gateway failed", e);
    }
  }

  private String plan(String sql) {
    try {
      return withTimeout(() -> TestGateway.explain(gateway, sql).strip());
    } catch (TimeoutException e) {
      replaceGatewayConnection();
      return "(no plan within " + TIMEOUT_SECONDS + " s)";
    } catch (Exception e) {
      return "(no plan: " + e.getMessage() + ")";
    }
  }

  @Override public void close() throws SQLException {
    try (Connection g = gateway; Connection p = postgres) {
      // both closed
    }
  }
}
