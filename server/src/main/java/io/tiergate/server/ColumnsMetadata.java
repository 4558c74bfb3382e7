package io.tiergate.server;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code DatabaseMetaData.getColumns}' rows as JDBC defines them, from Calcite's. Calcite
 * reports a type's precision as COLUMN_SIZE, so -1 for a VARCHAR without a length and a DOUBLE,
 * and 3 for a TIMESTAMP(3), and its TYPE_NAME is the full type ({@code TIMESTAMP(3)},
 * {@code VARCHAR NOT NULL}), which matches no getTypeInfo row. JDBC asks for the precision of a
 * number, the length of a character type and the length of a date-time's text, and the name
 * getTypeInfo uses. The tiered tables' key and time columns also say so in REMARKS.
 */
final class ColumnsMetadata {
  /** What a VARCHAR without a length holds, as PostgreSQL's driver reports its text. */
  static final int UNBOUNDED = Integer.MAX_VALUE;

  private final Map<String, List<String>> keys;
  private final Map<String, String> timeColumns;

  /** The tiered tables' keys and time columns, for REMARKS. */
  ColumnsMetadata(Map<String, List<String>> keys, Map<String, String> timeColumns) {
    this.keys = keys;
    this.timeColumns = timeColumns;
  }

  /** Every row of Calcite's getColumns result, each an Object[] in its column order. */
  List<Object> rows(ResultSet calcite) throws SQLException {
    ResultSetMetaData md = calcite.getMetaData();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      index.put(md.getColumnLabel(i), i - 1);
    }
    List<Object> rows = new ArrayList<>();
    while (calcite.next()) {
      Object[] row = new Object[md.getColumnCount()];
      for (int i = 0; i < row.length; i++) {
        row[i] = calcite.getObject(i + 1);
      }
      fix(row, index);
      rows.add(row);
    }
    return rows;
  }

  private void fix(Object[] row, Map<String, Integer> index) {
    int dataType = ((Number) row[index.get("DATA_TYPE")]).intValue();
    String fullType = (String) row[index.get("TYPE_NAME")];
    Object size = row[index.get("COLUMN_SIZE")];
    int precision = size == null ? -1 : ((Number) size).intValue();
    row[index.get("TYPE_NAME")] = typeName(fullType);
    Integer columnSize = columnSize(dataType, precision);
    if (columnSize != null) {
      row[index.get("COLUMN_SIZE")] = columnSize;
    }
    Integer digits = decimalDigits(dataType, precision);
    if (digits != null) {
      row[index.get("DECIMAL_DIGITS")] = digits;
    }
    // A character type's maximum bytes; Calcite repeats any type's precision there.
    row[index.get("CHAR_OCTET_LENGTH")] = isCharacter(dataType) ? columnSize : null;
    String remarks = remarks((String) row[index.get("TABLE_SCHEM")],
        (String) row[index.get("TABLE_NAME")], (String) row[index.get("COLUMN_NAME")]);
    if (remarks != null) {
      row[index.get("REMARKS")] = remarks;
    }
  }

  /**
   * The type's name without its parameters and nullability, as getTypeInfo names it:
   * {@code TIMESTAMP(3)} is TIMESTAMP, {@code DECIMAL(10, 2) NOT NULL} is DECIMAL.
   */
  static String typeName(String fullType) {
    String name = fullType.replaceAll("\\([^)]*\\)", "");
    int charset = name.indexOf(" CHARACTER SET");
    if (charset >= 0) {
      name = name.substring(0, charset);
    }
    if (name.endsWith(" NOT NULL")) {
      name = name.substring(0, name.length() - " NOT NULL".length());
    }
    return name.trim();
  }

  /**
   * JDBC's COLUMN_SIZE from the type and Calcite's precision (-1: none): null to keep
   * Calcite's value, for the types JDBC gives no size.
   */
  static Integer columnSize(int dataType, int precision) {
    return switch (dataType) {
      case Types.BOOLEAN, Types.BIT -> 1;
      case Types.TINYINT -> 3;
      case Types.SMALLINT -> 5;
      case Types.INTEGER -> 10;
      case Types.BIGINT -> 19;
      case Types.REAL -> 7;
      case Types.FLOAT, Types.DOUBLE -> 15;
      case Types.DECIMAL, Types.NUMERIC -> precision < 0 ? null : precision;
      case Types.CHAR, Types.VARCHAR, Types.BINARY, Types.VARBINARY ->
          precision < 0 ? UNBOUNDED : precision;
      // The length of the value as text: yyyy-mm-dd, hh:mm:ss[.fff], the two with a space.
      case Types.DATE -> 10;
      case Types.TIME -> 8 + fraction(precision);
      case Types.TIMESTAMP -> 19 + fraction(precision);
      default -> null;
    };
  }

  /** The characters of a fraction of a second: its digits and the point. */
  private static int fraction(int precision) {
    return precision > 0 ? precision + 1 : 0;
  }

  /** JDBC's DECIMAL_DIGITS: a date-time's fractional digits, an integer's 0; else null. */
  static Integer decimalDigits(int dataType, int precision) {
    return switch (dataType) {
      case Types.TIME, Types.TIMESTAMP -> Math.max(precision, 0);
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> 0;
      default -> null;
    };
  }

  private static boolean isCharacter(int dataType) {
    return dataType == Types.CHAR || dataType == Types.VARCHAR;
  }

  /** What a tiered table's key and time columns are; null for any other column. */
  String remarks(String schema, String table, String column) {
    if (schema != null && !schema.isEmpty()) {
      return null; // a store's table of the same name
    }
    String time = timeColumns.get(table);
    List<String> key = keys.getOrDefault(table, List.of());
    List<String> says = new ArrayList<>();
    if (column.equals(time)) {
      says.add("Time column: places each row in a tier (hot, warm, cold)");
    }
    int k = key.indexOf(column);
    if (k >= 0) {
      says.add("Key column " + (k + 1) + " of " + key.size());
    }
    return says.isEmpty() ? null : String.join("; ", says);
  }
}
