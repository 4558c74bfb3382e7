package io.tiergate.server;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;

/**
 * {@code DatabaseMetaData.getPrimaryKeys}'s rows for the tiered tables, from their configured
 * key: Calcite's own metadata knows no keys and answers with none, so a BI tool would see
 * {@code events} without one. The tables are looked up in Calcite's {@code getTables}, so
 * catalog and schema read (and filter) as they do there.
 */
final class PrimaryKeys {
  /** The columns JDBC defines for getPrimaryKeys, in its order. */
  static final List<ColumnMetaData> COLUMNS = List.of(
      MetaImpl.columnMetaData("TABLE_CAT", 0, String.class, true),
      MetaImpl.columnMetaData("TABLE_SCHEM", 1, String.class, true),
      MetaImpl.columnMetaData("TABLE_NAME", 2, String.class, false),
      MetaImpl.columnMetaData("COLUMN_NAME", 3, String.class, false),
      MetaImpl.columnMetaData("KEY_SEQ", 4, short.class, false),
      MetaImpl.columnMetaData("PK_NAME", 5, String.class, true));

  private PrimaryKeys() {
  }

  /**
   * One row per key column of each tiered table that {@code catalog}, {@code schema} and
   * {@code table} (a name, not a pattern; null for all) select, table by table in key order
   * (KEY_SEQ), as PostgreSQL's driver orders them.
   */
  static List<Object> rows(Connection connection, Map<String, List<String>> keys,
      String catalog, String schema, String table) throws SQLException {
    List<Object> rows = new ArrayList<>();
    // A name as a pattern: its '_' may match more, which the equality below leaves out. (A null
    // pattern matches nothing in Calcite's getTables.)
    try (ResultSet tables = connection.getMetaData().getTables(catalog, schema,
        table == null ? "%" : table, new String[] {"TABLE"})) {
      while (tables.next()) {
        String name = tables.getString("TABLE_NAME");
        List<String> key = keys.get(name);
        if (key == null || table != null && !table.equals(name)
            || !isRoot(tables.getString("TABLE_SCHEM"))) {
          continue; // not a tiered table: a store's table of the same name, say
        }
        for (int i = 0; i < key.size(); i++) {
          rows.add(new Object[] {tables.getString("TABLE_CAT"), tables.getString("TABLE_SCHEM"),
              name, key.get(i), (short) (i + 1), name + "_pkey"});
        }
      }
    }
    return rows;
  }

  /** Tiered tables live in the root schema, which Calcite names "". */
  private static boolean isRoot(String schema) {
    return schema == null || schema.isEmpty();
  }

  static Meta.Signature signature() {
    return Meta.Signature.create(COLUMNS, "getPrimaryKeys", List.of(),
        Meta.CursorFactory.ARRAY, Meta.StatementType.SELECT);
  }
}
