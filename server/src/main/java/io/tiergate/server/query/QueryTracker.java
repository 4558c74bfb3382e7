package io.tiergate.server.query;

import io.tiergate.lifecycle.admin.Caller;
import io.tiergate.planner.cost.CostEstimate;
import io.tiergate.planner.cost.CostModel;
import io.tiergate.planner.cost.QueryPrices;
import io.tiergate.planner.exec.ExecutionScope;
import io.tiergate.server.error.ClientError;
import io.tiergate.server.error.ErrorKind;
import io.tiergate.server.error.ErrorTranslation;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.Meta.ConnectionHandle;
import org.apache.calcite.avatica.Meta.ExecuteResult;
import org.apache.calcite.avatica.Meta.Frame;
import org.apache.calcite.avatica.Meta.MetaResultSet;
import org.apache.calcite.avatica.Meta.StatementHandle;

/**
 * Follows each client statement from its execute to its last row (or its failure, or its
 * close), over however many fetch requests that takes, and records it once in the meters and
 * the log. Each execute, and each fetch of its rows, runs in the statement's
 * {@link ExecutionScope}, where the stores count the requests it sends; a failure before the
 * scope was marked planned is a refusal.
 */
public final class QueryTracker {
  private final QueryMetrics metrics;
  private final QueryLog log;
  private final boolean maskLiterals;
  private final ActualCost actualCost;
  /** The tiers and ages of data each statement read, for tiergate.access. */
  private final AccessLog access = new AccessLog(ACCESS_LOG_SIZE);
  private final AtomicLong ids = new AtomicLong();
  private final Map<String, Caller> callers = new ConcurrentHashMap<>();
  private final Map<String, String> prepared = new ConcurrentHashMap<>();
  private final Map<String, Running> running = new ConcurrentHashMap<>();

  /** Tier reads kept for tiergate.access: a read is an age range, so this is small. */
  static final int ACCESS_LOG_SIZE = 10_000;

  public QueryTracker(QueryMetrics metrics, QueryLog log, boolean maskLiterals) {
    this(metrics, log, maskLiterals, QueryPrices.AWS_LIST);
  }

  /** @param prices what the stores charge, for each statement's actual cost */
  public QueryTracker(QueryMetrics metrics, QueryLog log, boolean maskLiterals,
      QueryPrices prices) {
    this.actualCost = new ActualCost(new CostModel(prices));
    this.metrics = metrics;
    this.log = log;
    this.maskLiterals = maskLiterals;
  }

  /** What the statements read, by table, tier and age of the data. */
  public AccessLog accessLog() {
    return access;
  }

  /** The statements run on connection {@code connectionId} are {@code caller}'s. */
  public void connectionOpened(String connectionId, Caller caller) {
    callers.put(connectionId, caller);
  }

  /** Ends what the connection still had running (closing it closes its statements). */
  public void connectionClosed(String connectionId) {
    String prefix = connectionId + "/";
    running.keySet().stream().filter(key -> key.startsWith(prefix)).toList()
        .forEach(key -> finish(running.remove(key), QueryStatus.OK, null));
    prepared.keySet().removeIf(key -> key.startsWith(prefix));
    callers.remove(connectionId);
  }

  /** A prepare; when it fails, the statement was refused. */
  public <E extends Exception> StatementHandle prepare(ConnectionHandle ch, String sql,
      ExecutionScope.Body<StatementHandle, E> body) throws E {
    Running attempt = new Running(ch.id, sql);
    try {
      StatementHandle h = attempt.scope.run(body);
      prepared.put(key(h), sql);
      return h;
    } catch (Exception | Error e) {
      fail(attempt, e);
      throw e;
    }
  }

  /**
   * An execute of {@code h}: {@code sql} when given (prepare-and-execute), else what {@code h}
   * was prepared with. It runs planned unless the body marks it so; see
   * {@link ExecutionScope#planned}.
   */
  public <E extends Exception> ExecuteResult execute(StatementHandle h, String sql,
      ExecutionScope.Body<ExecuteResult, E> body) throws E {
    statementEnded(h);
    Running query = new Running(h.connectionId, sql != null ? sql
        : prepared.getOrDefault(key(h), ""));
    try {
      ExecuteResult result = query.scope.run(body);
      for (MetaResultSet rs : result.resultSets) {
        if (rs.firstFrame != null) {
          query.rows.addAndGet(count(rs.firstFrame.rows));
        }
      }
      if (done(result)) {
        finish(query, QueryStatus.OK, null);
      } else {
        running.put(key(h), query);
      }
      return result;
    } catch (Exception | Error e) {
      fail(query, e);
      throw e;
    }
  }

  /** A fetch of more rows of {@code h}, in its statement's scope. */
  public Frame fetch(StatementHandle h, Fetch body)
      throws NoSuchStatementException, MissingResultsException {
    Running query = running.get(key(h));
    if (query == null) {
      return body.run();
    }
    try {
      Frame frame;
      try (ExecutionScope.Entered entered = query.scope.enter()) {
        frame = body.run();
      }
      query.rows.addAndGet(count(frame.rows));
      if (frame.done) {
        running.remove(key(h), query);
        finish(query, QueryStatus.OK, null);
      }
      return frame;
    } catch (Exception | Error e) {
      running.remove(key(h), query);
      fail(query, e);
      throw e;
    }
  }

  /** Avatica's fetch of the next frame. */
  @FunctionalInterface
  public interface Fetch {
    Frame run() throws NoSuchStatementException, MissingResultsException;
  }

  /** The client closed {@code h}, or runs it again: what it was reading ends here. */
  public void statementEnded(StatementHandle h) {
    Running query = running.remove(key(h));
    if (query != null) {
      finish(query, QueryStatus.OK, null);
    }
  }

  /** The statement is closed: its prepared text goes too. */
  public void statementClosed(StatementHandle h) {
    statementEnded(h);
    prepared.remove(key(h));
  }

  /**
   * Whether every result set of {@code result} is complete: no first frame left to fetch from
   * (an update count, or a result set with nothing more).
   */
  public static boolean done(ExecuteResult result) {
    return result.resultSets.stream()
        .allMatch(r -> r.firstFrame == null ? !r.ownStatement || r.updateCount >= 0
            : r.firstFrame.done);
  }

  private void fail(Running query, Throwable e) {
    ClientError error = ErrorTranslation.translate(e);
    QueryStatus status = !query.scope.isPlanned() ? QueryStatus.REFUSED
        : error.kind() == ErrorKind.CANCELLED ? QueryStatus.CANCELLED : QueryStatus.ERROR;
    finish(query, status, error.kind());
  }

  private void finish(Running query, QueryStatus status, ErrorKind error) {
    if (query == null || !query.finished.compareAndSet(false, true)) {
      return;
    }
    long nanos = System.nanoTime() - query.startNanos;
    Map<String, Long> requests = query.scope.requests();
    String tiers = TiersRead.label(requests.keySet());
    CostEstimate estimate = query.scope.estimate();
    if (status == QueryStatus.REFUSED) {
      metrics.refused(error);
    } else {
      metrics.ran(tiers, status, nanos, query.rows.get());
      access.add(query.startedAt, query.scope.reads(), estimate);
    }
    Caller caller = callers.get(query.connectionId);
    log.add(new QueryRecord(ids.incrementAndGet(), caller == null ? "" : caller.user(),
        maskLiterals ? LiteralMask.apply(query.sql) : query.sql, query.startedAt,
        nanos / 1_000_000, status, error == null ? null : error.sqlState(), tiers, requests,
        query.rows.get(), estimate == null ? null : estimate.totalUsd(),
        actualCost.usd(estimate, requests, nanos / 1e9)));
  }

  private static long count(Iterable<Object> rows) {
    if (rows == null) {
      return 0;
    }
    if (rows instanceof Collection<?> collection) {
      return collection.size();
    }
    long n = 0;
    for (Object ignored : rows) {
      n++;
    }
    return n;
  }

  private static String key(StatementHandle h) {
    return h.connectionId + "/" + h.id;
  }

  /** A statement between its execute and its end. */
  private static final class Running {
    final String connectionId;
    final String sql;
    final Instant startedAt = Instant.now();
    final long startNanos = System.nanoTime();
    final ExecutionScope scope = new ExecutionScope();
    final AtomicLong rows = new AtomicLong();
    final AtomicBoolean finished = new AtomicBoolean();

    Running(String connectionId, String sql) {
      this.connectionId = connectionId;
      this.sql = sql;
    }
  }
}
