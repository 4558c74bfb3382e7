package io.tiergate.adapter.athena;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.Statement;

/** A JDBC connection over the executor: read-only, auto-commit, no session state. */
final class AthenaConnection extends JdbcFacade {
  private final AthenaQueryExecutor executor;
  private final AthenaSettings settings;

  AthenaConnection(AthenaQueryExecutor executor, AthenaSettings settings) {
    super(Connection.class);
    this.executor = executor;
    this.settings = settings;
  }

  @Override Object handle(Object proxy, String method, Object[] args) {
    Connection self = (Connection) proxy;
    return switch (method) {
      case "createStatement" -> args.length == 0
          ? JdbcFacade.proxy(Statement.class, new AthenaStatement(self, executor, null))
          : UNSUPPORTED;
      case "prepareStatement" -> args.length == 1 ? JdbcFacade.proxy(PreparedStatement.class,
          new AthenaStatement(self, executor, (String) args[0])) : UNSUPPORTED;
      case "getMetaData" -> JdbcFacade.proxy(DatabaseMetaData.class,
          new AthenaDatabaseMetaData(self, executor, settings));
      case "getCatalog" -> settings.catalog();
      case "getSchema" -> settings.database();
      case "getAutoCommit", "isReadOnly" -> true;
      case "isValid" -> true;
      case "getTransactionIsolation" -> Connection.TRANSACTION_NONE;
      case "nativeSQL" -> args[0];
      case "close" -> {
        closed = true;
        yield null;
      }
      default -> UNSUPPORTED;
    };
  }
}
