package io.tiergate.adapter.athena;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Athena's SDK path as the {@link DataSource} Calcite's JDBC schema reads through: connections
 * are cheap views of one {@link AthenaQueryExecutor} (Athena has no sessions), statements run
 * one query each, and table metadata comes from {@code information_schema} queries.
 */
public final class AthenaDataSource implements DataSource {
  private final AthenaQueryExecutor executor;
  private final AthenaSettings settings;

  public AthenaDataSource(AthenaQueryExecutor executor, AthenaSettings settings) {
    this.executor = executor;
    this.settings = settings;
  }

  @Override public Connection getConnection() {
    return JdbcFacade.proxy(Connection.class, new AthenaConnection(executor, settings));
  }

  @Override public Connection getConnection(String user, String password) {
    return getConnection();
  }

  @Override public PrintWriter getLogWriter() {
    return null;
  }

  @Override public void setLogWriter(PrintWriter out) {
  }

  @Override public void setLoginTimeout(int seconds) {
  }

  @Override public int getLoginTimeout() {
    return 0;
  }

  @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("AthenaDataSource logs through SLF4J");
  }

  @Override public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("AthenaDataSource does not wrap " + iface);
  }

  @Override public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
