package io.tiergate.adapter.athena;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables and columns Calcite's JDBC schema discovers, answered by queries on the catalog's
 * {@code information_schema} (Athena and Trino both have it). Names are matched as JDBC
 * patterns ({@code %}, {@code _}, escaped with a backslash), as LIKE does.
 */
final class AthenaDatabaseMetaData extends JdbcFacade {
  private static final List<AthenaColumn> TABLE_COLUMNS = List.of(
      varchar("TABLE_CAT"), varchar("TABLE_SCHEM"), varchar("TABLE_NAME"),
      varchar("TABLE_TYPE"), varchar("REMARKS"));
  private static final List<AthenaColumn> COLUMN_COLUMNS = List.of(
      varchar("TABLE_CAT"), varchar("TABLE_SCHEM"), varchar("TABLE_NAME"),
      varchar("COLUMN_NAME"), integer("DATA_TYPE"), varchar("TYPE_NAME"),
      integer("COLUMN_SIZE"), integer("BUFFER_LENGTH"), integer("DECIMAL_DIGITS"),
      integer("NUM_PREC_RADIX"), integer("NULLABLE"), varchar("REMARKS"),
      varchar("COLUMN_DEF"), integer("SQL_DATA_TYPE"), integer("SQL_DATETIME_SUB"),
      integer("CHAR_OCTET_LENGTH"), integer("ORDINAL_POSITION"), varchar("IS_NULLABLE"));

  private final Connection connection;
  private final AthenaQueryExecutor executor;
  private final AthenaSettings settings;

  AthenaDatabaseMetaData(Connection connection, AthenaQueryExecutor executor,
      AthenaSettings settings) {
    super(DatabaseMetaData.class);
    this.connection = connection;
    this.executor = executor;
    this.settings = settings;
  }

  @Override Object handle(Object proxy, String method, Object[] args) throws SQLException {
    return switch (method) {
      case "getTables" -> tables((String) args[0], (String) args[1], (String) args[2]);
      case "getColumns" -> columns((String) args[0], (String) args[1], (String) args[2],
          (String) args[3]);
      case "getJDBCMajorVersion" -> 4;
      case "getJDBCMinorVersion" -> 2;
      case "getDatabaseProductName" -> "Amazon Athena";
      case "getDatabaseProductVersion" -> "engine 3";
      case "getDriverName" -> "Tiergate Athena SDK";
      case "getIdentifierQuoteString" -> "\"";
      case "getSearchStringEscape" -> "\\";
      case "getConnection" -> connection;
      default -> UNSUPPORTED;
    };
  }

  private ResultSet tables(String catalog, String schemaPattern, String tablePattern)
      throws SQLException {
    String sql = "SELECT table_catalog, table_schema, table_name, table_type FROM "
        + informationSchema(catalog) + ".tables" + where(schemaPattern, tablePattern, null)
        + " ORDER BY table_schema, table_name";
    List<Object[]> rows = new ArrayList<>();
    String queryId;
    try (AthenaRows result = executor.execute(sql, List.of())) {
      queryId = result.queryId();
      while (result.next()) {
        String type = result.text(3);
        rows.add(new Object[] {result.text(0), result.text(1), result.text(2),
            "BASE TABLE".equals(type) ? "TABLE" : type, null});
      }
    }
    return resultSet(new ListRows(queryId, TABLE_COLUMNS, rows));
  }

  private ResultSet columns(String catalog, String schemaPattern, String tablePattern,
      String columnPattern) throws SQLException {
    String sql = "SELECT table_catalog, table_schema, table_name, column_name, data_type,"
        + " is_nullable, ordinal_position FROM " + informationSchema(catalog) + ".columns"
        + where(schemaPattern, tablePattern, columnPattern)
        + " ORDER BY table_schema, table_name, ordinal_position";
    List<Object[]> rows = new ArrayList<>();
    String queryId;
    try (AthenaRows result = executor.execute(sql, List.of())) {
      queryId = result.queryId();
      while (result.next()) {
        boolean nullable = !"NO".equals(result.text(5));
        AthenaColumn column = AthenaColumn.ofTypeText(result.text(3), result.text(4), nullable);
        boolean time = column.jdbcType() == Types.TIMESTAMP || column.jdbcType() == Types.TIME;
        // Calcite reads a time type's precision from DECIMAL_DIGITS, others' from COLUMN_SIZE.
        rows.add(new Object[] {result.text(0), result.text(1), result.text(2), column.name(),
            column.jdbcType(), result.text(4), column.precision(), null,
            time ? column.precision() : column.scale(), 10,
            nullable ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls, null,
            null, null, null, null, Integer.parseInt(result.text(6)), nullable ? "YES" : "NO"});
      }
    }
    return resultSet(new ListRows(queryId, COLUMN_COLUMNS, rows));
  }

  private String informationSchema(String catalog) {
    String name = catalog != null ? catalog : settings.catalog();
    return "\"" + name.replace("\"", "\"\"") + "\".information_schema";
  }

  private static String where(String schemaPattern, String tablePattern, String columnPattern) {
    List<String> conditions = new ArrayList<>();
    like(conditions, "table_schema", schemaPattern);
    like(conditions, "table_name", tablePattern);
    like(conditions, "column_name", columnPattern);
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  private static void like(List<String> conditions, String column, String pattern) {
    if (pattern != null && !pattern.equals("%")) {
      conditions.add(column + " LIKE '" + pattern.replace("'", "''") + "' ESCAPE '\\'");
    }
  }

  private ResultSet resultSet(ListRows rows) {
    return JdbcFacade.proxy(ResultSet.class, new AthenaResultSet(rows, null));
  }

  private static AthenaColumn varchar(String name) {
    return new AthenaColumn(name, "varchar", Integer.MAX_VALUE, 0, true);
  }

  private static AthenaColumn integer(String name) {
    return new AthenaColumn(name, "integer", 10, 0, true);
  }
}
