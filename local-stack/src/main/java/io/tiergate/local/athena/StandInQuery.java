package io.tiergate.local.athena;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * One query of {@link AthenaApiStandIn}: run on Trino over JDBC on its own thread, its state
 * moving QUEUED, RUNNING, then SUCCEEDED, FAILED (Trino's message as the StateChangeReason) or
 * CANCELLED. Its rows are kept in memory, where Athena would write a CSV file to S3.
 */
final class StandInQuery implements Runnable {
  final String id;
  final Map<String, Object> request;
  final Instant submitted = Instant.now();
  private final String trinoJdbcUrl;
  private final String user;
  private volatile String state = "QUEUED";
  private volatile String reason;
  private volatile Instant completed;
  private volatile Statement statement;
  private volatile boolean stopRequested;
  private List<Map<String, Object>> columns = List.of();
  private final List<List<String>> rows = new ArrayList<>();

  StandInQuery(String id, Map<String, Object> request, String trinoJdbcUrl, String user) {
    this.id = id;
    this.request = request;
    this.trinoJdbcUrl = trinoJdbcUrl;
    this.user = user;
  }

  String sql() {
    return (String) request.get("QueryString");
  }

  /** SELECTs are DML and get a header row; everything else is DDL here. */
  String statementType() {
    String head = sql().stripLeading().toUpperCase(Locale.ROOT);
    return head.startsWith("SELECT") || head.startsWith("WITH") || head.startsWith("VALUES")
        || head.startsWith("(") ? "DML" : "DDL";
  }

  @Override public void run() {
    synchronized (this) {
      if (stopRequested) {
        finish("CANCELLED", "Query was cancelled by user");
        return;
      }
      state = "RUNNING";
    }
    Properties properties = new Properties();
    properties.setProperty("user", user);
    try (Connection connection = DriverManager.getConnection(trinoJdbcUrl, properties);
         Statement s = connection.createStatement()) {
      @SuppressWarnings("unchecked")
      Map<String, String> context = (Map<String, String>) request.get("QueryExecutionContext");
      if (context != null && context.get("Catalog") != null) {
        connection.setCatalog(context.get("Catalog"));
      }
      if (context != null && context.get("Database") != null) {
        connection.setSchema(context.get("Database"));
      }
      statement = s;
      if (stopRequested) { // stopped before there was a statement to cancel
        throw new SQLException("stopped before it ran");
      }
      try (ResultSet rs = s.executeQuery(trinoSql())) {
        read(rs);
      }
      finish("SUCCEEDED", null);
    } catch (SQLException | RuntimeException e) {
      finish(stopRequested ? "CANCELLED" : "FAILED",
          stopRequested ? "Query was cancelled by user" : e.getMessage());
    }
  }

  /**
   * Athena substitutes ExecutionParameters (literals) for the {@code ?}s; Trino does the same
   * with EXECUTE IMMEDIATE ... USING.
   */
  private String trinoSql() {
    @SuppressWarnings("unchecked")
    List<String> parameters = (List<String>) request.get("ExecutionParameters");
    if (parameters == null || parameters.isEmpty()) {
      return sql();
    }
    return "EXECUTE IMMEDIATE '" + sql().replace("'", "''") + "' USING "
        + String.join(", ", parameters);
  }

  private void read(ResultSet rs) throws SQLException {
    ResultSetMetaData metadata = rs.getMetaData();
    List<Map<String, Object>> infos = new ArrayList<>();
    for (int i = 1; i <= metadata.getColumnCount(); i++) {
      String type = metadata.getColumnTypeName(i);
      int open = type.indexOf('(');
      infos.add(Map.of("CatalogName", "hive", "SchemaName", "", "TableName", "",
          "Name", metadata.getColumnLabel(i), "Label", metadata.getColumnLabel(i),
          // Athena's type names carry no parameters; precision and scale come apart.
          "Type", open < 0 ? type : type.substring(0, open),
          "Precision", metadata.getPrecision(i), "Scale", metadata.getScale(i),
          "Nullable", metadata.isNullable(i) == ResultSetMetaData.columnNoNulls ? "NOT_NULL"
              : "UNKNOWN",
          "CaseSensitive", true));
    }
    List<List<String>> read = new ArrayList<>();
    while (rs.next()) {
      List<String> row = new ArrayList<>(infos.size());
      for (int i = 1; i <= infos.size(); i++) {
        row.add(rs.getString(i));
      }
      read.add(row);
    }
    synchronized (this) {
      columns = infos;
      rows.addAll(read);
    }
  }

  private synchronized void finish(String finalState, String finalReason) {
    reason = finalReason;
    completed = Instant.now();
    state = finalState;
  }

  /** StopQueryExecution: a queued query never starts, a running one is cancelled on Trino. */
  void stop() {
    synchronized (this) {
      stopRequested = true;
      if (state.equals("QUEUED")) {
        finish("CANCELLED", "Query was cancelled by user");
        return;
      }
    }
    Statement running = statement;
    if (running != null) {
      try {
        running.cancel();
      } catch (SQLException e) {
        // already finished
      }
    }
  }

  String state() {
    return state;
  }

  String reason() {
    return reason;
  }

  Instant completed() {
    return completed;
  }

  synchronized List<Map<String, Object>> columns() {
    return columns;
  }

  /** How many rows Athena pages through: the result rows, plus the header row of a SELECT. */
  synchronized int pageableSize() {
    return rows.size() + (statementType().equals("DML") ? 1 : 0);
  }

  /** Rows {@code from} (inclusive) to {@code to} (exclusive) of {@link #pageableSize}'s list. */
  synchronized List<List<String>> page(int from, int to) {
    int header = statementType().equals("DML") ? 1 : 0;
    List<List<String>> page = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      page.add(i < header ? columns.stream().map(c -> (String) c.get("Name")).toList()
          : rows.get(i - header));
    }
    return page;
  }
}
