package io.tiergate.adapter.athena;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs one SQL statement on Athena and streams its rows. Implementations wait for the query to
 * finish before returning, so an error (with Athena's own reason) surfaces before any row does:
 * a failed query never yields a partial result.
 */
public interface AthenaQueryExecutor {

  /**
   * @param parameters values of the statement's {@code ?} placeholders, each as a SQL literal
   *     (Athena's ExecutionParameters)
   * @param timeout how long the query may take, if shorter than the configured timeout; null:
   *     the configured one
   * @throws AthenaQueryException when Athena fails, cancels or times out the query
   */
  default AthenaRows execute(String sql, List<String> parameters, Duration timeout)
      throws SQLException {
    return execute(sql, parameters, timeout, queryId -> { });
  }

  /**
   * As {@link #execute(String, List, Duration)}; {@code started} gets Athena's query id as soon
   * as the query is started, so another thread can {@link #stop} it.
   */
  AthenaRows execute(String sql, List<String> parameters, Duration timeout,
      Consumer<String> started) throws SQLException;

  /** Asks Athena to stop the query (StopQueryExecution); a query already done stays as is. */
  void stop(String queryId) throws SQLException;

  /** With the configured query timeout. */
  default AthenaRows execute(String sql, List<String> parameters) throws SQLException {
    return execute(sql, parameters, null);
  }

  /** Where queries go, for error messages: an endpoint or {@code athena.<region>}. */
  String address();
}
