package io.tiergate.server.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code tiergate.primary_keys}: each tiered table's configured {@code key}, one row per key
 * column in key order. Calcite knows no keys, and Avatica's protocol has no request for
 * {@code DatabaseMetaData.getPrimaryKeys} (its client answers with no rows without asking), so
 * the Tiergate driver reads this table instead. The tables are listed under the schema "",
 * as {@code getTables} lists the root tables.
 */
public final class PrimaryKeysTable extends AbstractTable implements ScannableTable {
  public static final String NAME = "primary_keys";

  private final Map<String, List<String>> keys;

  /** {@code keys}: each tiered table's key columns, in key order. */
  public PrimaryKeysTable(Map<String, List<String>> keys) {
    this.keys = new LinkedHashMap<>(keys);
  }

  @Override public Schema.TableType getJdbcTableType() {
    return Schema.TableType.SYSTEM_TABLE;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory f) {
    return f.builder()
        .add("table_schema", SqlTypeName.VARCHAR)
        .add("table_name", SqlTypeName.VARCHAR)
        .add("column_name", SqlTypeName.VARCHAR)
        .add("key_seq", SqlTypeName.SMALLINT)
        .add("constraint_name", SqlTypeName.VARCHAR)
        .build();
  }

  @Override public Enumerable<Object[]> scan(DataContext root) {
    List<Object[]> rows = new ArrayList<>();
    keys.forEach((table, key) -> {
      for (int i = 0; i < key.size(); i++) {
        rows.add(new Object[] {GatewayCatalog.METADATA_ROOT_SCHEMA, table, key.get(i),
            (short) (i + 1), table + "_pkey"});
      }
    });
    return Linq4j.asEnumerable(rows);
  }
}
