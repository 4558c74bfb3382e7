package io.tiergate.server;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;

/**
 * {@code DatabaseMetaData.getTableTypes}: every type {@code getTables} reports. Calcite answers
 * TABLE and VIEW only, while its getTables also reports SYSTEM TABLE (the {@code tiergate} and
 * {@code metadata} schemas) and whatever a JDBC store reports; a tool that offers the types to
 * filter by would never show the system tables.
 */
final class TableTypes {
  static final List<ColumnMetaData> COLUMNS = List.of(
      MetaImpl.columnMetaData("TABLE_TYPE", 0, String.class, false));

  private TableTypes() {
  }

  static List<Object> rows(Connection connection) throws SQLException {
    TreeSet<String> types = new TreeSet<>();
    try (ResultSet calcite = connection.getMetaData().getTableTypes()) {
      while (calcite.next()) {
        types.add(calcite.getString(1));
      }
    }
    try (ResultSet tables = connection.getMetaData().getTables(null, null, "%", null)) {
      while (tables.next()) {
        types.add(tables.getString("TABLE_TYPE"));
      }
    }
    List<Object> rows = new ArrayList<>();
    types.forEach(type -> rows.add(new Object[] {type}));
    return rows;
  }

  static Meta.Signature signature() {
    return Meta.Signature.create(COLUMNS, "getTableTypes", List.of(), Meta.CursorFactory.ARRAY,
        Meta.StatementType.SELECT);
  }
}
