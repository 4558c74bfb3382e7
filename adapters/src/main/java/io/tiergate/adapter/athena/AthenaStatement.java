package io.tiergate.adapter.athena;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Statement, or with {@code preparedSql} a PreparedStatement, each execution one Athena query.
 * Parameters go to Athena as ExecutionParameters, rendered as literals
 * ({@link ExecutionParameter}). A query timeout set here applies when it is shorter than the
 * configured one ({@link AthenaSettings#queryTimeout()}). {@code cancel()} stops the query the
 * statement is waiting for (StopQueryExecution); the waiting execute then fails as CANCELLED.
 */
final class AthenaStatement extends JdbcFacade {
  private final Connection connection;
  private final AthenaQueryExecutor executor;
  private final String preparedSql;
  private final Map<Integer, String> parameters = new TreeMap<>();
  private ResultSet resultSet;
  /** Athena's id of the query this statement is waiting for, for cancel() from elsewhere. */
  private volatile String running;
  private int queryTimeout;
  private int fetchSize;

  AthenaStatement(Connection connection, AthenaQueryExecutor executor, String preparedSql) {
    super(preparedSql == null ? java.sql.Statement.class : java.sql.PreparedStatement.class);
    this.connection = connection;
    this.executor = executor;
    this.preparedSql = preparedSql;
  }

  @Override Object handle(Object proxy, String method, Object[] args) throws SQLException {
    if (method.startsWith("set") && args.length == 2 && args[0] instanceof Integer index
        && !method.equals("setFetchSize") && !method.equals("setQueryTimeout")) {
      return bind(method, index, args[1]);
    }
    return switch (method) {
      case "executeQuery" -> run(proxy, args);
      case "execute" -> {
        run(proxy, args);
        yield true;
      }
      case "getResultSet" -> resultSet;
      case "getUpdateCount" -> -1;
      case "getMoreResults" -> false;
      case "getConnection" -> connection;
      case "cancel" -> {
        String queryId = running;
        if (queryId != null) {
          executor.stop(queryId);
        }
        yield null;
      }
      case "setQueryTimeout" -> {
        queryTimeout = (Integer) args[0];
        yield null;
      }
      case "getQueryTimeout" -> queryTimeout;
      case "setFetchSize" -> {
        fetchSize = (Integer) args[0];
        yield null;
      }
      case "getFetchSize" -> fetchSize;
      case "getMaxRows" -> 0;
      case "clearParameters" -> {
        parameters.clear();
        yield null;
      }
      case "close" -> {
        closeResult();
        closed = true;
        yield null;
      }
      default -> UNSUPPORTED;
    };
  }

  private Object bind(String method, int index, Object value) throws SQLException {
    if (preparedSql == null) {
      return UNSUPPORTED;
    }
    if (method.equals("setNull")) {
      parameters.put(index, "NULL");
    } else {
      parameters.put(index, ExecutionParameter.of(value));
    }
    return null;
  }

  private ResultSet run(Object proxy, Object[] args) throws SQLException {
    if (args.length != (preparedSql == null ? 1 : 0)) {
      throw new java.sql.SQLFeatureNotSupportedException("Athena (sdk mode): execute with "
          + args.length + " argument(s) on a " + (preparedSql == null ? "" : "prepared ")
          + "statement");
    }
    String sql = preparedSql != null ? preparedSql : (String) args[0];
    closeResult();
    List<String> values = new ArrayList<>();
    int expected = 1;
    for (Map.Entry<Integer, String> parameter : parameters.entrySet()) {
      if (parameter.getKey() != expected++) {
        throw new SQLException("parameter " + (expected - 1) + " is not set");
      }
      values.add(parameter.getValue());
    }
    AthenaRows rows;
    try {
      rows = executor.execute(sql, values,
          queryTimeout > 0 ? java.time.Duration.ofSeconds(queryTimeout) : null,
          queryId -> running = queryId);
    } finally {
      running = null;
    }
    resultSet = JdbcFacade.proxy(ResultSet.class,
        new AthenaResultSet(rows, (java.sql.Statement) proxy));
    return resultSet;
  }

  private void closeResult() throws SQLException {
    if (resultSet != null) {
      resultSet.close();
      resultSet = null;
    }
  }
}
