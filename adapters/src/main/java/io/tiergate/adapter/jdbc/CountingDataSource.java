package io.tiergate.adapter.jdbc;

import io.tiergate.adapter.AdmissionGate;
import io.tiergate.adapter.StoreRequests;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource whose statements count each execution as one native request of a store, whose
 * connection errors name the store and its address, and whose time parameters reach the store
 * as time values ({@link TemporalParameters}). With an {@link AdmissionGate}, a connection is
 * taken only in the query's turn, which the connection's close gives back
 * ({@link TurnConnection}): the pool then always has one for it, so its own timeout means the
 * store did not answer, never that it was busy.
 */
public final class CountingDataSource implements DataSource {
  private final DataSource delegate;
  private final StoreRequests requests;
  private final String store;
  private final String address;
  private final TemporalParameters temporalParameters = new TemporalParameters();
  private final Duration networkTimeout;
  private final AdmissionGate gate;

  public CountingDataSource(DataSource delegate, StoreRequests requests, String store,
      String address) {
    this(delegate, requests, store, address, null);
  }

  /**
   * @param networkTimeout set on every connection taken ({@link Connection#setNetworkTimeout}),
   *     or null to leave the driver's
   */
  public CountingDataSource(DataSource delegate, StoreRequests requests, String store,
      String address, Duration networkTimeout) {
    this(delegate, requests, store, address, networkTimeout, null);
  }

  /**
   * @param gate whose turn each connection waits for, or null to take connections as they come;
   *     its limit must not exceed what the delegate holds
   */
  public CountingDataSource(DataSource delegate, StoreRequests requests, String store,
      String address, Duration networkTimeout, AdmissionGate gate) {
    this.gate = gate;
    this.delegate = delegate;
    this.requests = requests;
    this.store = store;
    this.address = address;
    this.networkTimeout = networkTimeout;
  }

  @Override public Connection getConnection() throws SQLException {
    AdmissionGate.Turn turn = enter();
    try {
      Connection connection = delegate.getConnection();
      if (networkTimeout != null) {
        connection.setNetworkTimeout(Runnable::run, (int) networkTimeout.toMillis());
      }
      Connection counted = wrap(Connection.class, connection);
      return turn == null ? counted : TurnConnection.of(counted, turn);
    } catch (SQLException e) {
      close(turn);
      throw new SQLException(store + " at " + address + " is unreachable: " + e.getMessage(),
          e.getSQLState(), e);
    } catch (RuntimeException | Error e) {
      close(turn);
      throw e;
    }
  }

  /** The query's turn at the store, or null without a gate. */
  private AdmissionGate.Turn enter() throws SQLException {
    if (gate == null) {
      return null;
    }
    try {
      return gate.enter();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("Cancelled while waiting for a connection of " + store, "57014", e);
    }
  }

  private static void close(AdmissionGate.Turn turn) {
    if (turn != null) {
      turn.close();
    }
  }

  @Override public Connection getConnection(String user, String password) throws SQLException {
    return getConnection();
  }

  @SuppressWarnings("unchecked")
  private <T> T wrap(Class<T> type, T target) {
    return wrap(type, target, null);
  }

  /** {@code sql}: the text a PreparedStatement was prepared with, for its parameters' types. */
  @SuppressWarnings("unchecked")
  private <T> T wrap(Class<T> type, T target, String sql) {
    InvocationHandler handler = (proxy, method, args) -> {
      boolean execute = target instanceof Statement && method.getName().startsWith("execute");
      long started = System.nanoTime();
      if (execute) {
        requests.increment(store);
      }
      if (sql != null && args != null && args.length == 2 && args[0] instanceof Integer index
          && (method.getName().equals("setObject") || method.getName().equals("setLong")
              || method.getName().equals("setInt"))
          && temporalParameters.bind(sql, (PreparedStatement) target, index, args[1])) {
        return null;
      }
      try {
        Object result = method.invoke(target, args);
        if (execute) {
          requests.record(store, StatementKind.of(args != null && args.length > 0
              && args[0] instanceof String text ? text : sql), System.nanoTime() - started,
              StoreRequests.Outcome.OK);
        }
        if (result instanceof PreparedStatement ps) {
          String text = method.getName().equals("prepareStatement") && args != null
              && args[0] instanceof String s ? s : null;
          return wrap(PreparedStatement.class, ps, text);
        }
        if (result instanceof Statement s && !(result instanceof java.sql.CallableStatement)) {
          return wrap(Statement.class, s);
        }
        return result;
      } catch (InvocationTargetException e) {
        if (execute) {
          requests.record(store, StatementKind.of(args != null && args.length > 0
              && args[0] instanceof String text ? text : sql), System.nanoTime() - started,
              e.getCause() instanceof SQLException failure && lostConnection(failure)
                  ? StoreRequests.Outcome.UNAVAILABLE : StoreRequests.Outcome.REFUSED);
        }
        if (target instanceof Statement && e.getCause() instanceof SQLException failure
            && lostConnection(failure)) {
          throw new SQLException(store + " at " + address + " stopped answering: "
              + failure.getMessage(), failure.getSQLState(), failure);
        }
        throw e.getCause();
      }
    };
    return (T) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(),
        new Class<?>[] {type}, handler);
  }

  /** A connection-class SQLState (08xxx), or an I/O failure underneath: the store, not the SQL. */
  private static boolean lostConnection(SQLException failure) {
    if (failure.getSQLState() != null && failure.getSQLState().startsWith("08")) {
      return true;
    }
    for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof java.io.IOException) {
        return true;
      }
    }
    return false;
  }

  @Override public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
  }

  @Override public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || delegate.isWrapperFor(iface);
  }
}
