package io.tiergate.adapter.athena;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.ColumnNullable;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatus;
import software.amazon.awssdk.services.athena.model.ResultReuseByAgeConfiguration;
import software.amazon.awssdk.services.athena.model.Row;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;

/**
 * Athena through the AWS SDK v2: StartQueryExecution in the configured workgroup and output
 * location with result reuse, GetQueryExecution polled with a doubling wait until the query
 * finishes or times out, then GetQueryResults a page at a time as the rows are read.
 */
public final class SdkAthenaExecutor implements AthenaQueryExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(SdkAthenaExecutor.class);

  private final AthenaClient athena;
  private final AthenaSettings settings;
  private final String address;

  /** @param address where {@code athena} sends requests, for error messages */
  public SdkAthenaExecutor(AthenaClient athena, AthenaSettings settings, String address) {
    this.athena = athena;
    this.settings = settings;
    this.address = address;
  }

  @Override public String address() {
    return address;
  }

  @Override public AthenaRows execute(String sql, List<String> parameters, Duration timeout,
      Consumer<String> started) throws SQLException {
    Duration limit = timeout != null && timeout.compareTo(settings.queryTimeout()) < 0 ? timeout
        : settings.queryTimeout();
    String queryId;
    try {
      queryId = athena.startQueryExecution(startRequest(sql, parameters)).queryExecutionId();
    } catch (SdkException e) {
      throw new SQLException("Athena at " + address + " could not start the query: "
          + e.getMessage(), "08001", e);
    }
    LOG.debug("Athena query {} started in workgroup {}", queryId, settings.workgroup());
    started.accept(queryId);
    QueryExecution execution = awaitCompletion(queryId, limit);
    // Athena starts the first page of a SELECT (DML) with the column names; DDL has none.
    boolean skipHeader = "DML".equals(execution.statementTypeAsString());
    return new PagedRows(queryId, skipHeader);
  }

  StartQueryExecutionRequest startRequest(String sql, List<String> parameters) {
    StartQueryExecutionRequest.Builder request = StartQueryExecutionRequest.builder()
        .queryString(sql)
        .workGroup(settings.workgroup())
        .queryExecutionContext(c -> c.catalog(settings.catalog()).database(settings.database()))
        .resultReuseConfiguration(r -> r.resultReuseByAgeConfiguration(reuse()));
    if (settings.outputLocation() != null) {
      request.resultConfiguration(r -> r.outputLocation(settings.outputLocation()));
    }
    if (!parameters.isEmpty()) {
      request.executionParameters(parameters);
    }
    return request.build();
  }

  private ResultReuseByAgeConfiguration reuse() {
    long minutes = settings.resultReuseMaxAge().toMinutes();
    return minutes == 0 ? ResultReuseByAgeConfiguration.builder().enabled(false).build()
        : ResultReuseByAgeConfiguration.builder().enabled(true).maxAgeInMinutes((int) minutes)
            .build();
  }

  /** Polls until SUCCEEDED; FAILED, CANCELLED and the timeout are errors naming the query. */
  private QueryExecution awaitCompletion(String queryId, Duration timeout) throws SQLException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Duration wait = settings.firstPoll();
    while (true) {
      QueryExecution execution;
      try {
        execution = athena.getQueryExecution(r -> r.queryExecutionId(queryId)).queryExecution();
      } catch (SdkException e) {
        throw new AthenaQueryException("Athena at " + address + ": cannot follow query "
            + queryId + ": " + e.getMessage(), "08006", queryId, e);
      }
      QueryExecutionStatus status = execution.status();
      QueryExecutionState state = status.state();
      if (state == QueryExecutionState.SUCCEEDED) {
        return execution;
      }
      if (state == QueryExecutionState.FAILED || state == QueryExecutionState.CANCELLED) {
        throw new AthenaQueryException("Athena query " + queryId + " " + state + ": "
            + status.stateChangeReason(),
            state == QueryExecutionState.CANCELLED ? "57014" : "42000", queryId, null);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        stopQuietly(queryId);
        throw new SQLTimeoutException("Athena query " + queryId + " did not finish within "
            + timeout.toSeconds() + " s (still " + state + "); stopped it");
      }
      sleep(Math.min(wait.toNanos(), left), queryId);
      wait = wait.multipliedBy(2).compareTo(settings.maxPoll()) > 0 ? settings.maxPoll()
          : wait.multipliedBy(2);
    }
  }

  private void sleep(long nanos, String queryId) throws SQLException {
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopQuietly(queryId);
      throw new AthenaQueryException("Athena query " + queryId + ": interrupted; stopped it",
          "57014", queryId, e);
    }
  }

  @Override public void stop(String queryId) throws SQLException {
    try {
      athena.stopQueryExecution(r -> r.queryExecutionId(queryId));
    } catch (SdkException e) {
      throw new AthenaQueryException("Athena at " + address + ": cannot stop query " + queryId
          + ": " + e.getMessage(), "08006", queryId, e);
    }
  }

  /** On the way out of a query that failed anyway: a failure to stop it is only logged. */
  private void stopQuietly(String queryId) {
    try {
      stop(queryId);
    } catch (SQLException e) {
      LOG.warn("Could not stop Athena query {}", queryId, e);
    }
  }

  /** The results, fetched a page at a time; only the current page is held. */
  private final class PagedRows implements AthenaRows {
    private final String queryId;
    private boolean skipHeader;
    private List<AthenaColumn> columns;
    private Iterator<Row> page;
    private String nextToken;
    private boolean lastPage;
    private List<Datum> current;

    PagedRows(String queryId, boolean skipHeader) throws SQLException {
      this.queryId = queryId;
      this.skipHeader = skipHeader;
      fetch();
    }

    private void fetch() throws SQLException {
      GetQueryResultsResponse response;
      try {
        response = athena.getQueryResults(r -> r.queryExecutionId(queryId)
            .maxResults(settings.pageSize()).nextToken(nextToken));
      } catch (SdkException e) {
        throw new AthenaQueryException("Athena at " + address + ": cannot read the results of"
            + " query " + queryId + ": " + e.getMessage(), "08006", queryId, e);
      }
      if (columns == null) {
        columns = new ArrayList<>();
        for (ColumnInfo info : response.resultSet().resultSetMetadata().columnInfo()) {
          columns.add(new AthenaColumn(info.name(), info.type(),
              info.precision() == null ? 0 : info.precision(),
              info.scale() == null ? 0 : info.scale(),
              info.nullable() != ColumnNullable.NOT_NULL));
        }
      }
      page = response.resultSet().rows().iterator();
      if (skipHeader && page.hasNext()) {
        page.next();
      }
      skipHeader = false;
      nextToken = response.nextToken();
      lastPage = nextToken == null;
    }

    @Override public String queryId() {
      return queryId;
    }

    @Override public List<AthenaColumn> columns() {
      return columns;
    }

    @Override public boolean next() throws SQLException {
      while (!page.hasNext()) {
        if (lastPage) {
          current = null;
          return false;
        }
        fetch();
      }
      current = page.next().data();
      return true;
    }

    @Override public Object value(int index) {
      Datum datum = current.get(index);
      return columns.get(index).parse(datum.varCharValue());
    }

    @Override public String text(int index) {
      return current.get(index).varCharValue();
    }

    @Override public void close() {
      page = java.util.Collections.emptyIterator();
      lastPage = true;
    }
  }
}
