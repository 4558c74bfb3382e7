package io.tiergate.server;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.jdbc.StatementInfo;

/**
 * The Calcite statement behind a client's statement. Avatica's JdbcMeta keeps it in a
 * package-private field of {@link StatementInfo} and offers no getter; its result set would
 * name it, but JdbcMeta closes a result set that fits in the first frame before we see it.
 */
final class CalciteStatements {
  private static final VarHandle STATEMENT;

  static {
    try {
      STATEMENT = MethodHandles.privateLookupIn(StatementInfo.class, MethodHandles.lookup())
          .findVarHandle(StatementInfo.class, "statement", Statement.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError("Avatica's StatementInfo has no field 'statement' "
          + "(another Avatica version?): " + e);
    }
  }

  private CalciteStatements() {
  }

  /** The statement {@code info} runs on, or null when it is not an Avatica (Calcite) one. */
  static AvaticaStatement of(StatementInfo info) {
    return STATEMENT.get(info) instanceof AvaticaStatement statement ? statement : null;
  }

  /** The prepared statement {@code info} runs, or null when it is not a prepared one. */
  static PreparedStatement prepared(StatementInfo info) {
    return STATEMENT.get(info) instanceof PreparedStatement statement ? statement : null;
  }
}
