package io.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
      try (ResultSet rs = meta.getPrimaryKeys(null, "", "events")) {
        assertThat(rs.next()).as("the schema getTables lists the root tables in").isTrue();
        assertThat(rs.getString("COLUMN_NAME")).isEqualTo("tenant_id");
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
      assertThat(system).contains("tiers", "partitions", "jobs", "primary_keys", "functions",
          "alerts", "queries", "access");
      // The schema "" by name, which protobuf cannot send as it is: only the root tables.
      Map<String, String> root = new HashMap<>();
      try (ResultSet rs = c.getMetaData().getTables(null, "", "%", null)) {
        while (rs.next()) {
          root.put(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"),
              rs.getString("TABLE_TYPE"));
        }
      }
      assertThat(root).containsOnlyKeys(".events", ".sessions", ".metrics");
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
  void columnsHaveTypesSizesNullabilityAndRemarks(String serialization, TestGateway tg)
      throws Exception {
    try (Connection c = tg.connect(serialization)) {
      Map<String, String> columns = new LinkedHashMap<>();
      try (ResultSet rs = c.getMetaData().getColumns(null, "", "events", "%")) {
        while (rs.next()) {
          columns.put(rs.getString("COLUMN_NAME"), rs.getInt("ORDINAL_POSITION") + "|"
              + rs.getInt("DATA_TYPE") + "|" + rs.getString("TYPE_NAME") + "|"
              + rs.getInt("COLUMN_SIZE") + "|" + rs.getObject("DECIMAL_DIGITS") + "|"
              + rs.getInt("NULLABLE") + "|" + rs.getString("IS_NULLABLE") + "|"
              + rs.getString("REMARKS"));
        }
      }
      String text = Types.VARCHAR + "|VARCHAR|" + Integer.MAX_VALUE + "|null|"
          + DatabaseMetaData.columnNullable + "|YES|";
      assertThat(columns).containsExactly(
          Map.entry("tenant_id", "1|" + text + "Key column 1 of 2"),
          Map.entry("event_id", "2|" + text + "Key column 2 of 2"),
          Map.entry("event_time", "3|" + Types.TIMESTAMP + "|TIMESTAMP|23|3|"
              + DatabaseMetaData.columnNullable
              + "|YES|Time column: places each row in a tier (hot, warm, cold)"),
          Map.entry("kind", "4|" + text + "null"),
          Map.entry("amount", "5|" + Types.DOUBLE + "|DOUBLE|15|null|"
              + DatabaseMetaData.columnNullable + "|YES|null"),
          Map.entry("user_id", "6|" + text + "null"),
          Map.entry("region", "7|" + text + "null"));
      // A system table's NOT NULL column: its TYPE_NAME is still the type's name.
      try (ResultSet rs = c.getMetaData().getColumns(null, "tiergate", "tiers",
          "manifest_version")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("TYPE_NAME")).isEqualTo("BIGINT");
        assertThat(rs.getInt("COLUMN_SIZE")).isEqualTo(19);
        assertThat(rs.getInt("NULLABLE")).isEqualTo(DatabaseMetaData.columnNoNulls);
        assertThat(rs.getString("IS_NULLABLE")).isEqualTo("NO");
      }
      // Every type getColumns names is one getTypeInfo describes, as tools look them up.
      Map<String, Integer> typeInfo = new HashMap<>();
      try (ResultSet rs = c.getMetaData().getTypeInfo()) {
        while (rs.next()) {
          typeInfo.put(rs.getString("TYPE_NAME"), rs.getInt("DATA_TYPE"));
        }
      }
      assertThat(typeInfo).containsEntry("VARCHAR", Types.VARCHAR)
          .containsEntry("TIMESTAMP", Types.TIMESTAMP).containsEntry("DOUBLE", Types.DOUBLE)
          .containsEntry("BIGINT", Types.BIGINT).containsEntry("BOOLEAN", Types.BOOLEAN);
    }
  }

  @ParameterizedTest @ValueSource(strings = {"", "?serialization=json"})
  void catalogsAndSchemas(String serialization, TestGateway tg) throws Exception {
    try (Connection c = tg.connect(serialization)) {
      List<String> catalogs = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getCatalogs()) {
        while (rs.next()) {
          catalogs.add(rs.getString("TABLE_CAT"));
        }
      }
      // The gateway has no catalogs: one row, null, as every TABLE_CAT.
      assertThat(catalogs).containsExactly((String) null);
      List<String> schemas = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getSchemas()) {
        while (rs.next()) {
          schemas.add(rs.getString("TABLE_SCHEM"));
          assertThat(catalogs).contains(rs.getString("TABLE_CATALOG"));
        }
      }
      assertThat(schemas).contains("", "dynamodb", "redis", "redshift", "athena", "tiergate");
      List<String> matching = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getSchemas(null, "red%")) {
        while (rs.next()) {
          matching.add(rs.getString("TABLE_SCHEM"));
        }
      }
      assertThat(matching).containsExactly("redis", "redshift");
      List<String> root = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getSchemas(null, "")) {
        while (rs.next()) {
          root.add(rs.getString("TABLE_SCHEM"));
        }
      }
      assertThat(root).containsExactly("");
    }
  }

  @ParameterizedTest @ValueSource(strings = {"", "?serialization=json"})
  void functionsListTheProceduresAndTheStandardFunctions(String serialization,
      TestGateway tg) throws Exception {
    try (Connection c = tg.connect(serialization)) {
      Map<String, Short> tiergate = new LinkedHashMap<>();
      try (ResultSet rs = c.getMetaData().getFunctions(null, "tiergate", "%")) {
        assertThat(rs.getMetaData().getColumnLabel(5)).isEqualTo("FUNCTION_TYPE");
        assertThat(rs.getMetaData().getColumnType(5)).isEqualTo(Types.SMALLINT);
        while (rs.next()) {
          tiergate.put(rs.getString("FUNCTION_NAME"), rs.getShort("FUNCTION_TYPE"));
          assertThat(rs.getString("FUNCTION_SCHEM")).isEqualTo("tiergate");
        }
      }
      assertThat(tiergate).containsEntry("restore", (short) DatabaseMetaData.functionReturnsTable)
          .containsEntry("migrate", (short) DatabaseMetaData.functionReturnsTable)
          .containsKeys("expire", "warnings");
      List<String> abs = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getFunctions(null, null, "AB_")) {
        while (rs.next()) {
          abs.add(rs.getString("FUNCTION_SCHEM") + "." + rs.getString("FUNCTION_NAME"));
        }
      }
      assertThat(abs).containsExactly("metadata.ABS");
      try (ResultSet rs = c.getMetaData().getFunctions(null, "tiergate", "it's none")) {
        assertThat(rs.next()).as("a name with a quote is a name, not SQL").isFalse();
      }
    }
  }

  @ParameterizedTest @ValueSource(strings = {"", "?serialization=json"})
  void productQuotingAndCasing(String serialization, TestGateway tg) throws Exception {
    try (Connection c = tg.connect(serialization)) {
      DatabaseMetaData meta = c.getMetaData();
      assertThat(meta.getDatabaseProductName()).isEqualTo("Tiergate");
      assertThat(meta.getDatabaseProductVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
      assertThat(meta.getDriverName()).isEqualTo("Tiergate JDBC Driver");
      assertThat(meta.getDriverVersion()).isEqualTo(meta.getDatabaseProductVersion());
      assertThat(meta.getIdentifierQuoteString()).isEqualTo("\"");
      // As the gateway reads names: unquoted ones keep their case and match in any case.
      assertThat(meta.storesUpperCaseIdentifiers()).isFalse();
      assertThat(meta.storesLowerCaseIdentifiers()).isFalse();
      assertThat(meta.storesMixedCaseIdentifiers()).isTrue();
      assertThat(meta.supportsMixedCaseIdentifiers()).isFalse();
      assertThat(meta.getSearchStringEscape()).isEqualTo("\\");
      try (var s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM EVENTS")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isPositive();
      }
    }
  }
}
