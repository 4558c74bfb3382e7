package io.tiergate.jdbc;

import java.sql.SQLException;
import java.sql.SQLWarning;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

/** Avatica's statement, with the warnings the gateway keeps for it (see ServerWarnings). */
final class TiergateStatement extends AvaticaStatement implements WarnedStatement {
  private final ServerWarnings warnings = new ServerWarnings(this);

  TiergateStatement(AvaticaConnection connection, Meta.StatementHandle h, int resultSetType,
      int resultSetConcurrency, int resultSetHoldability) {
    super(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  /** Called by every execution (and batch) before it runs. */
  @Override protected void resetStatement() {
    warnings.executing();
    super.resetStatement();
  }

  @Override public ServerWarnings serverWarnings() {
    return warnings;
  }

  @Override public SQLWarning getWarnings() throws SQLException {
    return warnings.get();
  }

  @Override public void clearWarnings() throws SQLException {
    warnings.clear();
  }
}
