package io.tiergate.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.InternalProperty;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;

/**
 * Avatica's connection, reporting the gateway's errors with its message first (see
 * {@link ServerErrors}). These are the methods every statement's execution passes through:
 * preparing, a Statement's execute and batch, a PreparedStatement's execute and batch.
 */
final class TiergateConnection extends AvaticaConnection {
  TiergateConnection(UnregisteredDriver driver, AvaticaFactory factory, String url,
      Properties info) {
    super(driver, factory, url, info);
    // How the gateway reads names (its Calcite connection's settings), for DatabaseMetaData's
    // storesUpperCaseIdentifiers and the like: Avatica's client otherwise says it upper-cases
    // unquoted names, and a tool that believes it looks for EVENTS. Unquoted and quoted names
    // keep their case and match in any case.
    properties.put(InternalProperty.CASE_SENSITIVE, false);
    properties.put(InternalProperty.UNQUOTED_CASING, Casing.UNCHANGED);
    properties.put(InternalProperty.QUOTED_CASING, Casing.UNCHANGED);
    properties.put(InternalProperty.QUOTING, Quoting.DOUBLE_QUOTE);
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

  /**
   * A metadata call's rows of the schema "" only, the one DatabaseMetaData lists the root tables
   * in. Protobuf cannot send an empty pattern (proto3 leaves an empty string out, and Avatica
   * reads it back as null: any schema), so {@code getColumns(null, "", "events", null)} would
   * also answer the stores' tables named events. {@code request} asks for every schema; this
   * keeps the rows whose TABLE_SCHEM is "".
   */
  ResultSet rootSchemaOnly(Function<Meta, Meta.MetaResultSet> request, QueryState state)
      throws SQLException {
    checkOpen();
    Meta.MetaResultSet all;
    try {
      all = request.apply(meta);
    } catch (RuntimeException e) {
      throw orElse(e, "while reading metadata");
    }
    int schema = -1;
    for (int i = 0; i < all.signature.columns.size(); i++) {
      if ("TABLE_SCHEM".equals(all.signature.columns.get(i).columnName)) {
        schema = i;
      }
    }
    Meta.Frame frame = all.firstFrame;
    if (schema < 0 || frame == null || !frame.done) {
      // Not all rows at hand (the gateway sends metadata in one frame): as Avatica answers.
      return createResultSet(all, state);
    }
    List<Object> rows = new ArrayList<>();
    for (Object row : frame.rows) {
      Object value = row instanceof List<?> list ? list.get(schema) : ((Object[]) row)[schema];
      if ("".equals(value)) {
        rows.add(row);
      }
    }
    return createResultSet(Meta.MetaResultSet.create(all.connectionId, all.statementId,
        all.ownStatement, all.signature, Meta.Frame.create(frame.offset, true, rows)), state);
  }

  /** The gateway's error behind {@code e}, or Avatica's usual wrapping of {@code e}. */
  private static SQLException orElse(RuntimeException e, String doing) {
    SQLException server = ServerErrors.of(e);
    return server != null ? server : HELPER.createException(doing, e);
  }
}
