package io.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/** getTableTypes rows, on a Calcite connection with a system table as the gateway's. */
class TableTypesTest {
  private static final AbstractTable SYSTEM = new AbstractTable() {
    @Override public RelDataType getRowType(RelDataTypeFactory f) {
      return f.builder().add("table_name", SqlTypeName.VARCHAR).build();
    }

    @Override public Schema.TableType getJdbcTableType() {
      return Schema.TableType.SYSTEM_TABLE;
    }
  };

  @Test void tableTypesAreThoseGetTablesReports() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:calcite:", new Properties())) {
      SchemaPlus root = c.unwrap(CalciteConnection.class).getRootSchema();
      root.add("tiergate", new AbstractSchema() {
        @Override protected Map<String, org.apache.calcite.schema.Table> getTableMap() {
          return Map.of("tiers", SYSTEM);
        }
      });
      assertThat(TableTypes.rows(c).stream().map(row -> ((Object[]) row)[0]))
          .containsExactly("SYSTEM TABLE", "TABLE", "VIEW");
    }
  }
}
