package io.tiergate.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;

/**
 * Avatica's connection, reporting the gateway's errors with its message first (see
 * {@link ServerErrors}). These are the methods every statement's execution passes through:
 * preparing, a Statement's execute and batch, a PreparedStatement's execute and batch.
 */
final class TiergateConnection extends AvaticaConnection {
  TiergateConnection(UnregisteredDriver driver, AvaticaFactory factory, String url,
      Properties info) {
    super(driver, factory, url, info);
  }

  /** As Avatica's, whose wrapper would drop the gateway's message. */
  @Override public PreparedStatement prepareStatement(String sql, int resultSetType,
      int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    checkOpen();
    Meta.StatementHandle h;
    try {
      h = meta.prepare(handle, sql, -1);
    } catch (RuntimeException e) {
      throw orElse(e, "while preparing SQL: " + sql);
    }
    return factory.newPreparedStatement(this, h, h.signature, resultSetType,
        resultSetConcurrency, resultSetHoldability);
  }

  @Override public AvaticaStatement createStatement(int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) throws SQLException {
    try {
      return super.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability);
    } catch (RuntimeException e) {
      throw orElse(e, "while creating a statement");
    }
  }

  @Override protected Meta.ExecuteResult prepareAndExecuteInternal(AvaticaStatement statement,
      String sql, long maxRowCount) throws SQLException, NoSuchStatementException {
    try {
      return super.prepareAndExecuteInternal(statement, sql, maxRowCount);
    } catch (RuntimeException e) {
      SQLException server = ServerErrors.of(e);
      if (server == null) {
        throw e; // Avatica's own handling, as before
      }
      throw server;
    }
  }

  @Override protected Meta.ExecuteBatchResult prepareAndUpdateBatch(AvaticaStatement statement,
      List<String> queries) throws NoSuchStatementException, SQLException {
    try {
      return super.prepareAndUpdateBatch(statement, queries);
    } catch (RuntimeException e) {
      throw orElse(e, "while executing a batch");
    }
  }

  @Override protected ResultSet executeQueryInternal(AvaticaStatement statement,
      Meta.Signature signature, Meta.Frame firstFrame, QueryState state, boolean isUpdate)
      throws SQLException {
    try {
      return super.executeQueryInternal(statement, signature, firstFrame, state, isUpdate);
    } catch (SQLException e) {
      throw ServerErrors.reasonFirst(e);
    }
  }

  @Override protected long[] executeBatchUpdateInternal(AvaticaPreparedStatement statement)
      throws SQLException {
    try {
      return super.executeBatchUpdateInternal(statement);
    } catch (SQLException e) {
      throw ServerErrors.reasonFirst(e);
    }
  }

  /** The gateway's error behind {@code e}, or Avatica's usual wrapping of {@code e}. */
  private static SQLException orElse(RuntimeException e, String doing) {
    SQLException server = ServerErrors.of(e);
    return server != null ? server : HELPER.createException(doing, e);
  }
}
