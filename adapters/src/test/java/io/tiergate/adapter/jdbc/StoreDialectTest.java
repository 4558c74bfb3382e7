package io.tiergate.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

/** The SQL text each store is sent for constructs Calcite's own dialects get wrong for it. */
class StoreDialectTest {
  private static String unparse(String sql, SqlDialect dialect) throws SqlParseException {
    SqlNode node = SqlParser.create(sql).parseQuery();
    return node.toSqlString(dialect).getSql().replaceAll("\\s+", " ");
  }

  @Test void floorToAUnitIsDateTruncForRedshift() throws SqlParseException {
    assertThat(unparse("SELECT FLOOR(t TO DAY), FLOOR(t TO MONTH) FROM e",
        RedshiftStoreDialect.INSTANCE))
        .isEqualTo("SELECT DATE_TRUNC('DAY', \"T\"), DATE_TRUNC('MONTH', \"T\") FROM \"E\"");
  }

  @Test void floorToAUnitIsDateTruncForAthena() throws SqlParseException {
    assertThat(unparse("SELECT FLOOR(t TO YEAR) FROM e GROUP BY FLOOR(t TO YEAR)",
        AthenaStoreDialect.INSTANCE))
        .isEqualTo("SELECT DATE_TRUNC('YEAR', \"T\") FROM \"E\" GROUP BY DATE_TRUNC('YEAR', \"T\")");
  }

  @Test void roundingToDigitsIsOnDecimalForRedshift() throws SqlParseException {
    assertThat(unparse("SELECT ROUND(a, 1), ROUND(a) FROM e", RedshiftStoreDialect.INSTANCE))
        .isEqualTo("SELECT ROUND(CAST(\"A\" AS DECIMAL(38, 18)), 1), ROUND(\"A\") FROM \"E\"");
  }

  @Test void numericFloorIsUnchanged() throws SqlParseException {
    assertThat(unparse("SELECT FLOOR(x) FROM e", RedshiftStoreDialect.INSTANCE))
        .isEqualTo("SELECT FLOOR(\"X\") FROM \"E\"");
  }
}
