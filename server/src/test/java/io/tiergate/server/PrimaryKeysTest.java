package io.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/** getPrimaryKeys and getTableTypes rows, on a Calcite connection laid out as the gateway's. */
class PrimaryKeysTest {
  private static final AbstractTable EVENTS = new AbstractTable() {
    @Override public RelDataType getRowType(RelDataTypeFactory f) {
      return f.builder().add("tenant_id", SqlTypeName.VARCHAR)
          .add("event_id", SqlTypeName.VARCHAR).build();
    }
  };

  private static Connection gatewayLike() throws Exception {
    Connection c = DriverManager.getConnection("jdbc:calcite:", new Properties());
    SchemaPlus root = c.unwrap(CalciteConnection.class).getRootSchema();
    root.add("events", EVENTS);
    // As GatewayCatalog.install: the root tables again under "", which getTables lists.
    root.add("", new AbstractSchema() {
      @Override protected Map<String, org.apache.calcite.schema.Table> getTableMap() {
        return Map.of("events", EVENTS);
      }
    });
    root.add("dynamodb", new AbstractSchema() {
      @Override protected Map<String, org.apache.calcite.schema.Table> getTableMap() {
        return Map.of("events", EVENTS);
      }
    });
    return c;
  }

  private static List<String> keys(Connection c, String schema, String table) throws Exception {
    return PrimaryKeys.rows(c, Map.of("events", List.of("tenant_id", "event_id")), null, schema,
        table).stream().map(row -> {
          Object[] r = (Object[]) row;
          return r[1] + "|" + r[2] + "|" + r[3] + "|" + r[4] + "|" + r[5];
        }).toList();
  }

  @Test void theTieredTablesKeyInKeyOrder() throws Exception {
    try (Connection c = gatewayLike()) {
      assertThat(keys(c, null, "events")).containsExactly("|events|tenant_id|1|events_pkey",
          "|events|event_id|2|events_pkey");
      assertThat(keys(c, null, null)).hasSize(2);
      assertThat(keys(c, "dynamodb", "events")).isEmpty();
      assertThat(keys(c, null, "sessions")).isEmpty();
    }
  }

  @Test void tableTypesAreThoseGetTablesReports() throws Exception {
    try (Connection c = gatewayLike()) {
      assertThat(TableTypes.rows(c).stream().map(row -> ((Object[]) row)[0]))
          .contains("TABLE", "VIEW", "SYSTEM TABLE");
    }
  }
}
