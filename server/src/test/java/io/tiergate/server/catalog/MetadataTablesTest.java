package io.tiergate.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.TableFunctionImpl;
import org.junit.jupiter.api.Test;

/** tiergate.primary_keys and tiergate.functions, queried as the driver queries them. */
class MetadataTablesTest {
  /** A table function as the tiergate procedures are. */
  public static final class Procedures {
    public static ScannableTable restore(String table) {
      return new PrimaryKeysTable(Map.of());
    }
  }

  private static Connection gatewayLike() throws Exception {
    Connection c = DriverManager.getConnection("jdbc:calcite:", new Properties());
    SchemaPlus root = c.unwrap(CalciteConnection.class).getRootSchema();
    SchemaPlus tiergate = root.add("tiergate", new AbstractSchema());
    tiergate.add("restore", TableFunctionImpl.create(Procedures.class, "restore"));
    tiergate.add(PrimaryKeysTable.NAME, new PrimaryKeysTable(
        Map.of("events", List.of("tenant_id", "event_id"))));
    tiergate.add(FunctionsTable.NAME, new FunctionsTable());
    return c;
  }

  private static List<String> rows(Connection c, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(String.valueOf(rs.getObject(i)));
        }
        rows.add(String.join("|", row));
      }
    }
    return rows;
  }

  @Test void primaryKeysListTheConfiguredKeyInKeyOrder() throws Exception {
    try (Connection c = gatewayLike()) {
      assertThat(rows(c, "SELECT * FROM \"tiergate\".\"primary_keys\" ORDER BY \"key_seq\""))
          .containsExactly("|events|tenant_id|1|events_pkey", "|events|event_id|2|events_pkey");
    }
  }

  @Test void functionsListTheProceduresAsTableFunctionsAndTheStandardFunctions()
      throws Exception {
    try (Connection c = gatewayLike()) {
      assertThat(rows(c, "SELECT * FROM \"tiergate\".\"functions\" "
          + "WHERE \"function_schema\" = 'tiergate'"))
          .containsExactly("tiergate|restore|" + DatabaseMetaData.functionReturnsTable
              + "|restore");
      assertThat(rows(c, "SELECT \"function_name\" FROM \"tiergate\".\"functions\" "
          + "WHERE \"function_schema\" = 'metadata'"))
          .contains("ABS", "SUBSTRING", "CURRENT_TIMESTAMP");
      assertThat(rows(c, "SELECT \"function_type\" FROM \"tiergate\".\"functions\" "
          + "WHERE \"function_name\" = 'ABS'"))
          .containsExactly(String.valueOf(DatabaseMetaData.functionResultUnknown));
    }
  }
}
