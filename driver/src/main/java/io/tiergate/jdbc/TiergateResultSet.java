package io.tiergate.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;

/**
 * Avatica's result set, also reporting the warnings of the execution that made it (what the
 * gateway left out applies to these rows), so a tool that looks at the result set sees them.
 */
final class TiergateResultSet extends AvaticaResultSet {
  private boolean cleared;

  TiergateResultSet(AvaticaStatement statement, QueryState state, Meta.Signature signature,
      ResultSetMetaData metaData, TimeZone timeZone, Meta.Frame firstFrame)
      throws SQLException {
    super(statement, state, signature, metaData, timeZone, firstFrame);
  }

  /** Rows past the first frame are fetched here: a failure then is the gateway's error. */
  @Override public boolean next() throws SQLException {
    try {
      return super.next();
    } catch (RuntimeException e) {
      SQLException server = ServerErrors.of(e);
      if (server == null) {
        throw e;
      }
      throw server;
    }
  }

  @Override public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return !cleared && statement instanceof WarnedStatement warned
        ? warned.serverWarnings().get() : null;
  }

  @Override public void clearWarnings() throws SQLException {
    checkOpen();
    cleared = true;
  }
}
