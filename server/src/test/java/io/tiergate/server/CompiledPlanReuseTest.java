package io.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The server's Calcite defaults (saffron.properties) keep compiled plans by their generated
 * code: a statement new to the plan cache but of a shape compiled before loads no new class.
 */
class CompiledPlanReuseTest {
  private static final String SHAPE = "SELECT x, COUNT(*), SUM(y) FROM (VALUES (1, 2.0),"
      + " (1, 3.0), (2, 4.0)) AS t(x, y) WHERE y >= ? GROUP BY x ORDER BY x";

  @Test void aNewTextOfAShapeCompiledBeforeLoadsNoNewClass() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:calcite:", new Properties())) {
      for (int i = 0; i < 10; i++) {
        rows(c, "/* warm-up " + i + " */ " + SHAPE, 0);
      }
      long before = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
      for (int i = 0; i < 50; i++) {
        rows(c, "/* " + i + " */ " + SHAPE, 0);
      }
      long loaded = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount() - before;
      // Compiling loads at least one class per statement (50 here); the few the JVM loads on
      // its own meanwhile (lambda forms, reflection accessors) are allowed.
      assertThat(loaded).isLessThan(25);
    }
  }

  @Test void statementsSharingACompiledPlanAnswerWithTheirOwnParameters() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:calcite:", new Properties())) {
      assertThat(rows(c, "/* a */ " + SHAPE, 0)).containsExactly("1|2|5.0", "2|1|4.0");
      assertThat(rows(c, "/* b */ " + SHAPE, 3)).containsExactly("1|1|3.0", "2|1|4.0");
      assertThat(rows(c, "/* c */ " + SHAPE, 4)).containsExactly("2|1|4.0");
    }
  }

  private static List<String> rows(Connection c, String sql, double minY) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setDouble(1, minY);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          rows.add(rs.getInt(1) + "|" + rs.getLong(2) + "|" + rs.getBigDecimal(3).doubleValue());
        }
      }
    }
    return rows;
  }
}
