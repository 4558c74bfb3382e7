package io.tiergate.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import org.apache.calcite.avatica.AvaticaStatement;

/**
 * The warnings of one statement's last execution, kept by the gateway. Avatica's protocol has
 * no place for warnings, so they are asked for, once per execution and only when the caller
 * looks, with {@code SELECT message FROM TABLE(tiergate.warnings(<statement id>))} on the same
 * connection (the gateway scopes statement ids to the connection).
 */
final class ServerWarnings {
  /** SQLSTATE class 01: a warning. */
  private static final String WARNING_STATE = "01000";

  private final AvaticaStatement statement;
  private boolean fetched;
  private SQLWarning warnings;

  ServerWarnings(AvaticaStatement statement) {
    this.statement = statement;
  }

  /** The statement runs again: what it warned of before no longer applies. */
  synchronized void executing() {
    fetched = false;
    warnings = null;
  }

  /** {@code Statement.clearWarnings()}: none until the next execution. */
  synchronized void clear() throws SQLException {
    requireOpen();
    fetched = true;
    warnings = null;
  }

  /** The chained warnings, or null when there are none (as JDBC asks). */
  synchronized SQLWarning get() throws SQLException {
    requireOpen();
    if (!fetched) {
      warnings = fetch();
      fetched = true;
    }
    return warnings;
  }

  /** JDBC: a closed statement's getWarnings and clearWarnings throw. */
  private void requireOpen() throws SQLException {
    if (statement.isClosed()) {
      throw new SQLException("Statement is closed");
    }
  }

  private SQLWarning fetch() throws SQLException {
    if (statement.handle == null) {
      return null;
    }
    SQLWarning first = null;
    try (Statement ask = statement.getConnection().createStatement();
        ResultSet rs = ask.executeQuery("SELECT message FROM TABLE(tiergate.warnings("
            + statement.handle.id + "))")) {
      while (rs.next()) {
        SQLWarning warning = new SQLWarning(rs.getString(1), WARNING_STATE);
        if (first == null) {
          first = warning;
        } else {
          first.setNextWarning(warning);
        }
      }
    }
    return first;
  }
}
