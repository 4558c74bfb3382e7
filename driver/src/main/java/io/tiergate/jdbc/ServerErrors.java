package io.tiergate.jdbc;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSqlException;

/**
 * The gateway's error as the user should see it: the gateway's message first, with its SQLState
 * and vendor code. Avatica's client puts its own words before the server's ("Error 1003 (42703)
 * : Error while executing SQL \"...\": Remote driver error: ...") and, when preparing, drops the
 * server's message altogether ("while preparing SQL: ..."); the driver catches the server's
 * error before that happens (see TiergateConnection, TiergateResultSet) or, where Avatica has
 * already wrapped it, takes the server's message back out of the wrapper.
 */
final class ServerErrors {
  /** What Avatica's ErrorResponse.toException puts before the server's message. */
  private static final String REMOTE_PREFIX = "Remote driver error: ";

  private ServerErrors() {
  }

  /**
   * The gateway's error behind {@code e}; null when {@code e} did not come from the gateway
   * (a failed HTTP request, a bug on this side), which the caller reports as before.
   */
  static SQLException of(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof AvaticaClientRuntimeException remote) {
        return sqlException(withoutPrefix(remote.getMessage()), remote.getSqlState(),
            remote.getErrorCode());
      }
    }
    return null;
  }

  /** {@code e} with the gateway's message first when Avatica wrapped one; else {@code e}. */
  static SQLException reasonFirst(SQLException e) {
    if (e instanceof AvaticaSqlException avatica && avatica.getErrorMessage() != null) {
      String message = avatica.getErrorMessage();
      int at = message.indexOf(REMOTE_PREFIX);
      if (at >= 0) {
        return sqlException(message.substring(at + REMOTE_PREFIX.length()), e.getSQLState(),
            e.getErrorCode());
      }
    }
    return e;
  }

  private static String withoutPrefix(String message) {
    if (message == null) {
      return "The gateway reported an error without a message";
    }
    return message.startsWith(REMOTE_PREFIX) ? message.substring(REMOTE_PREFIX.length())
        : message;
  }

  /** The JDBC subclass for the SQLState's class, which tools test for as well as the state. */
  static SQLException sqlException(String message, String sqlState, int code) {
    String stateClass = sqlState == null || sqlState.length() < 2 ? "" : sqlState.substring(0, 2);
    return switch (stateClass) {
      case "0A" -> new SQLFeatureNotSupportedException(message, sqlState, code);
      case "08" -> new SQLTransientConnectionException(message, sqlState, code);
      case "22" -> new SQLDataException(message, sqlState, code);
      case "23" -> new SQLIntegrityConstraintViolationException(message, sqlState, code);
      case "28" -> new SQLInvalidAuthorizationSpecException(message, sqlState, code);
      case "42" -> new SQLSyntaxErrorException(message, sqlState, code);
      case "53" -> new SQLTransientException(message, sqlState, code);
      default -> new SQLException(message, sqlState, code);
    };
  }
}
