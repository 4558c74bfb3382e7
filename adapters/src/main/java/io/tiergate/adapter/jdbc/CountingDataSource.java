package io.tiergate.adapter.jdbc;

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
 * as time values ({@link TemporalParameters}).
 */
public final class CountingDataSource implements DataSource {
  private final DataSource delegate;
  private final StoreRequests requests;
  private final String store;
  private final String address;
  private final TemporalParameters temporalParameters = new TemporalParameters();
  private final Duration networkTimeout;

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
    this.delegate = delegate;
    this.requests = requests;
    this.store = store;
    this.address = address;
    this.networkTimeout = networkTimeout;
  }

  @Override public Connection getConnection() throws SQLException {
    try {
      Connection connection = delegate.getConnection();
      if (networkTimeout != null) {
        connection.setNetworkTimeout(Runnable::run, (int) networkTimeout.toMillis());
      }
      return wrap(Connection.class, connection);
    } catch (SQLException e) {
      throw new SQLException(store + " at " + address + " is unreachable: " + e.getMessage(),
          e.getSQLState(), e);
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
