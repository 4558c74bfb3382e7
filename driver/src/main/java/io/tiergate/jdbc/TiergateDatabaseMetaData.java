package io.tiergate.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.remote.MetaDataOperation;

/**
 * Avatica's DatabaseMetaData, but with primary keys and functions, and the schema "" found by
 * name in protobuf too. Avatica's protocol has no request for {@code getPrimaryKeys} or
 * {@code getFunctions}: its client answers both with no rows without asking the server. The
 * gateway lists them as system tables ({@code tiergate.primary_keys},
 * {@code tiergate.functions}), which these read on the same connection, with JDBC's column
 * names, filters and order.
 */
final class TiergateDatabaseMetaData extends AvaticaDatabaseMetaData {
  /**
   * The schema DatabaseMetaData lists the root tables in. Asked for by name, it is asked for
   * as every schema and filtered here (see {@link TiergateConnection#rootSchemaOnly}).
   */
  private static final String ROOT = "";

  private final TiergateConnection connection;

  TiergateDatabaseMetaData(TiergateConnection connection) {
    super(connection);
    this.connection = connection;
  }

  @Override public ResultSet getSchemas(String catalog, String schemaPattern)
      throws SQLException {
    if (!ROOT.equals(schemaPattern)) {
      return super.getSchemas(catalog, schemaPattern);
    }
    return connection.rootSchemaOnly(meta -> meta.getSchemas(connection.handle, catalog,
        Meta.Pat.of(null)), new QueryState(MetaDataOperation.GET_SCHEMAS_WITH_ARGS, catalog,
        schemaPattern));
  }

  @Override public ResultSet getTables(String catalog, String schemaPattern,
      String tableNamePattern, String[] types) throws SQLException {
    if (!ROOT.equals(schemaPattern)) {
      return super.getTables(catalog, schemaPattern, tableNamePattern, types);
    }
    List<String> typeList = types == null ? null : Arrays.asList(types);
    return connection.rootSchemaOnly(meta -> meta.getTables(connection.handle, catalog,
        Meta.Pat.of(null), Meta.Pat.of(tableNamePattern), typeList),
        new QueryState(MetaDataOperation.GET_TABLES, catalog, schemaPattern, tableNamePattern,
            types));
  }

  @Override public ResultSet getColumns(String catalog, String schemaPattern,
      String tableNamePattern, String columnNamePattern) throws SQLException {
    if (!ROOT.equals(schemaPattern)) {
      return super.getColumns(catalog, schemaPattern, tableNamePattern, columnNamePattern);
    }
    return connection.rootSchemaOnly(meta -> meta.getColumns(connection.handle, catalog,
        Meta.Pat.of(null), Meta.Pat.of(tableNamePattern), Meta.Pat.of(columnNamePattern)),
        new QueryState(MetaDataOperation.GET_COLUMNS, catalog, schemaPattern, tableNamePattern,
            columnNamePattern));
  }

  /**
   * The tiered tables' configured keys, in key order (KEY_SEQ) as PostgreSQL's driver orders
   * them. {@code table} and {@code schema} are names, not patterns (null: any); the catalog,
   * which the gateway does not have, is reported as given, as getTables reports it.
   */
  @Override public ResultSet getPrimaryKeys(String catalog, String schema, String table)
      throws SQLException {
    List<String> where = new ArrayList<>();
    if (schema != null) {
      where.add("table_schema = " + literal(schema));
    }
    if (table != null) {
      where.add("table_name = " + literal(table));
    }
    return query("SELECT " + nullable(catalog) + " AS \"TABLE_CAT\", "
        + "table_schema AS \"TABLE_SCHEM\", table_name AS \"TABLE_NAME\", "
        + "column_name AS \"COLUMN_NAME\", key_seq AS \"KEY_SEQ\", "
        + "constraint_name AS \"PK_NAME\" FROM tiergate.primary_keys" + where(where)
        + " ORDER BY table_schema, table_name, key_seq");
  }

  /**
   * The functions a connection can call, ordered as JDBC asks (FUNCTION_CAT, FUNCTION_SCHEM,
   * FUNCTION_NAME, SPECIFIC_NAME); the two patterns are LIKE patterns with '\' as escape.
   */
  @Override public ResultSet getFunctions(String catalog, String schemaPattern,
      String functionNamePattern) throws SQLException {
    List<String> where = new ArrayList<>();
    if (schemaPattern != null) {
      where.add("function_schema LIKE " + literal(schemaPattern) + " ESCAPE '\\'");
    }
    if (functionNamePattern != null) {
      where.add("function_name LIKE " + literal(functionNamePattern) + " ESCAPE '\\'");
    }
    return query("SELECT " + nullable(catalog) + " AS \"FUNCTION_CAT\", "
        + "function_schema AS \"FUNCTION_SCHEM\", function_name AS \"FUNCTION_NAME\", "
        + "CAST(NULL AS VARCHAR) AS \"REMARKS\", function_type AS \"FUNCTION_TYPE\", "
        + "specific_name AS \"SPECIFIC_NAME\" FROM tiergate.functions" + where(where)
        + " ORDER BY function_schema, function_name, specific_name");
  }

  /** Rows of a statement of its own, closed with the result set. */
  private ResultSet query(String sql) throws SQLException {
    Statement statement = connection.createStatement();
    try {
      ResultSet rs = statement.executeQuery(sql);
      statement.closeOnCompletion();
      return rs;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  private static String where(List<String> conditions) {
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  private static String nullable(String value) {
    return value == null ? "CAST(NULL AS VARCHAR)" : literal(value);
  }

  /** A SQL string literal: the caller's text, quotes doubled, never SQL. */
  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
