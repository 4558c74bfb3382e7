package io.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/** getColumns rows with JDBC's sizes and type names, from Calcite's. */
class ColumnsMetadataTest {
  private static final AbstractTable EVENTS = new AbstractTable() {
    @Override public RelDataType getRowType(RelDataTypeFactory f) {
      return f.builder()
          .add("tenant_id", SqlTypeName.VARCHAR).nullable(true)
          .add("event_time", SqlTypeName.TIMESTAMP, 3).nullable(true)
          .add("amount", SqlTypeName.DOUBLE).nullable(true)
          .add("code", SqlTypeName.VARCHAR, 8)
          .add("price", SqlTypeName.DECIMAL, 10, 2)
          .add("n", SqlTypeName.BIGINT)
          .add("day", SqlTypeName.DATE).nullable(true)
          .build();
    }
  };

  @Test void rowsHaveJdbcSizesTypeNamesAndRemarks() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:calcite:", new Properties())) {
      c.unwrap(CalciteConnection.class).getRootSchema().add("", new AbstractSchema() {
        @Override protected Map<String, org.apache.calcite.schema.Table> getTableMap() {
          return Map.of("events", EVENTS);
        }
      });
      List<String> rows = new ArrayList<>();
      try (ResultSet calcite = c.getMetaData().getColumns(null, "", "events", "%")) {
        ColumnsMetadata columns = new ColumnsMetadata(
            Map.of("events", List.of("tenant_id", "code")), Map.of("events", "event_time"));
        for (Object row : columns.rows(calcite)) {
          Object[] r = (Object[]) row;
          // COLUMN_NAME, DATA_TYPE, TYPE_NAME, COLUMN_SIZE, DECIMAL_DIGITS, NULLABLE, REMARKS,
          // CHAR_OCTET_LENGTH, IS_NULLABLE
          rows.add(r[3] + "|" + r[4] + "|" + r[5] + "|" + r[6] + "|" + r[8] + "|" + r[10]
              + "|" + r[11] + "|" + r[15] + "|" + r[17]);
        }
      }
      assertThat(rows).containsExactly(
          "tenant_id|" + Types.VARCHAR + "|VARCHAR|" + Integer.MAX_VALUE + "|null|1"
              + "|Key column 1 of 2|" + Integer.MAX_VALUE + "|YES",
          "event_time|" + Types.TIMESTAMP + "|TIMESTAMP|23|3|1"
              + "|Time column: places each row in a tier (hot, warm, cold)|null|YES",
          "amount|" + Types.DOUBLE + "|DOUBLE|15|null|1|null|null|YES",
          "code|" + Types.VARCHAR + "|VARCHAR|8|null|0|Key column 2 of 2|8|NO",
          "price|" + Types.DECIMAL + "|DECIMAL|10|2|0|null|null|NO",
          "n|" + Types.BIGINT + "|BIGINT|19|0|0|null|null|NO",
          "day|" + Types.DATE + "|DATE|10|null|1|null|null|YES");
    }
  }

  @Test void typeNamesAreThoseOfGetTypeInfo() {
    assertThat(ColumnsMetadata.typeName("TIMESTAMP(3)")).isEqualTo("TIMESTAMP");
    assertThat(ColumnsMetadata.typeName("DECIMAL(10, 2) NOT NULL")).isEqualTo("DECIMAL");
    assertThat(ColumnsMetadata.typeName("VARCHAR CHARACTER SET \"ISO-8859-1\" NOT NULL"))
        .isEqualTo("VARCHAR");
    assertThat(ColumnsMetadata.typeName("TIMESTAMP_WITH_LOCAL_TIME_ZONE(0)"))
        .isEqualTo("TIMESTAMP_WITH_LOCAL_TIME_ZONE");
  }

  @Test void aStoresTableOfTheSameNameHasNoRemarks() {
    ColumnsMetadata columns = new ColumnsMetadata(Map.of("events", List.of("tenant_id")),
        Map.of("events", "event_time"));
    assertThat(columns.remarks("dynamodb", "events", "tenant_id")).isNull();
    assertThat(columns.remarks("", "events", "tenant_id")).isEqualTo("Key column 1 of 1");
  }
}
