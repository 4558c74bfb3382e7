package io.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a BI tool reads from DatabaseMetaData through the Tiergate driver: the tables and system
 * tables, the columns with their types, and the tiered table's key from its configuration.
 */
@ExtendWith(TestGateway.Extension.class)
class DatabaseMetaDataTest {
  @ParameterizedTest @ValueSource(strings = {"", "?serialization=json"})
  void eventsHasItsConfiguredPrimaryKey(String serialization, TestGateway tg) throws Exception {
    try (Connection c = tg.connect(serialization)) {
      DatabaseMetaData meta = c.getMetaData();
      List<String> rows = new ArrayList<>();
      try (ResultSet rs = meta.getPrimaryKeys(null, null, "events")) {
        while (rs.next()) {
          rows.add(rs.getString("TABLE_SCHEM") + "|" + rs.getString("TABLE_NAME") + "|"
              + rs.getString("COLUMN_NAME") + "|" + rs.getShort("KEY_SEQ") + "|"
              + rs.getString("PK_NAME"));
        }
        assertThat(rs.getMetaData().getColumnType(5)).isEqualTo(Types.SMALLINT);
      }
      assertThat(rows).containsExactly("|events|tenant_id|1|events_pkey",
          "|events|event_id|2|events_pkey");
      try (ResultSet rs = meta.getPrimaryKeys(null, null, "sessions")) {
        assertThat(rs.next()).as("a Redis table has no key in its configuration").isFalse();
      }
      try (ResultSet rs = meta.getPrimaryKeys(null, "dynamodb", "events")) {
        assertThat(rs.next()).as("the hot store's table is not the tiered table").isFalse();
      }
    }
  }

  @ParameterizedTest @ValueSource(strings = {"", "?serialization=json"})
  void tablesAndSystemTablesAreListedWithTheirTypes(String serialization, TestGateway tg)
      throws Exception {
    try (Connection c = tg.connect(serialization)) {
      Map<String, String> types = new HashMap<>();
      try (ResultSet rs = c.getMetaData().getTables(null, null, "%", null)) {
        while (rs.next()) {
          types.put(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"),
              rs.getString("TABLE_TYPE"));
        }
      }
      System.out.println("getTables: " + types);
      assertThat(types).containsEntry(".events", "TABLE").containsEntry(".sessions", "TABLE")
          .containsEntry("tiergate.tiers", "SYSTEM TABLE")
          .containsEntry("tiergate.partitions", "SYSTEM TABLE")
          .containsEntry("tiergate.jobs", "SYSTEM TABLE");
      List<String> system = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, "tiergate", "%",
          new String[] {"SYSTEM TABLE"})) {
        while (rs.next()) {
          system.add(rs.getString("TABLE_NAME"));
        }
      }
      assertThat(system).contains("tiers", "partitions", "jobs");
      List<String> tableTypes = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTableTypes()) {
        while (rs.next()) {
          tableTypes.add(rs.getString(1));
        }
      }
      assertThat(tableTypes).contains("TABLE", "SYSTEM TABLE");
    }
  }

  @ParameterizedTest @ValueSource(strings = {"", "?serialization=json"})
  void columnsHaveTypesSizesAndNullability(String serialization, TestGateway tg)
      throws Exception {
    try (Connection c = tg.connect(serialization)) {
      Map<String, String> columns = new HashMap<>();
      List<String> order = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getColumns(null, null, "events", "%")) {
        while (rs.next()) {
          if (!rs.getString("TABLE_SCHEM").isEmpty()) {
            continue; // the stores' tables of the same name
          }
          String name = rs.getString("COLUMN_NAME");
          order.add(name);
          columns.put(name, rs.getInt("DATA_TYPE") + "|" + rs.getString("TYPE_NAME") + "|"
              + rs.getInt("NULLABLE") + "|" + rs.getString("IS_NULLABLE") + "|"
              + rs.getInt("ORDINAL_POSITION"));
          System.out.println("getColumns events." + name + ": " + columns.get(name)
              + " size " + rs.getObject("COLUMN_SIZE") + " digits "
              + rs.getObject("DECIMAL_DIGITS"));
        }
      }
      assertThat(order).containsExactly("tenant_id", "event_id", "event_time", "kind",
          "amount", "user_id", "region");
      assertThat(columns.get("tenant_id")).startsWith(Types.VARCHAR + "|VARCHAR");
      assertThat(columns.get("event_time")).startsWith(Types.TIMESTAMP + "|TIMESTAMP");
      assertThat(columns.get("amount")).startsWith(Types.DOUBLE + "|DOUBLE");
      assertThat(columns.get("user_id")).endsWith("|" + DatabaseMetaData.columnNullable
          + "|YES|6");
    }
  }
}
