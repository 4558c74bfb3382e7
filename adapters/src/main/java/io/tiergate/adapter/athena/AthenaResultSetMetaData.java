package io.tiergate.adapter.athena;

import java.sql.ResultSetMetaData;
import java.util.List;

/** Column names and types of a result, from Athena's ColumnInfo. */
final class AthenaResultSetMetaData extends JdbcFacade {
  private final List<AthenaColumn> columns;

  AthenaResultSetMetaData(List<AthenaColumn> columns) {
    super(ResultSetMetaData.class);
    this.columns = columns;
  }

  @Override Object handle(Object proxy, String method, Object[] args) {
    if (method.equals("getColumnCount")) {
      return columns.size();
    }
    if (args.length != 1 || !(args[0] instanceof Integer i)) {
      return UNSUPPORTED;
    }
    AthenaColumn column = columns.get(i - 1);
    return switch (method) {
      case "getColumnName", "getColumnLabel" -> column.name();
      case "getColumnType" -> column.jdbcType();
      case "getColumnTypeName" -> column.type();
      case "getPrecision" -> column.precision();
      case "getScale" -> column.scale();
      case "isNullable" -> column.nullable() ? ResultSetMetaData.columnNullable
          : ResultSetMetaData.columnNoNulls;
      case "getCatalogName", "getSchemaName", "getTableName" -> "";
      default -> UNSUPPORTED;
    };
  }
}
