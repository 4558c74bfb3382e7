package io.tiergate.adapter.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.calcite.jdbc.CalciteConnection;

/** Calcite connections as the server builds them, with schema "athena" over hive.archive. */
public final class AthenaCalcite {
  private AthenaCalcite() {
  }

  public static Connection connect(DataSource athena) throws SQLException {
    Properties p = new Properties();
    p.setProperty("caseSensitive", "false");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("quotedCasing", "UNCHANGED");
    p.setProperty("quoting", "DOUBLE_QUOTE");
    p.setProperty("timeZone", "UTC");
    Connection connection = DriverManager.getConnection("jdbc:calcite:", p);
    connection.unwrap(CalciteConnection.class).getRootSchema().add("athena",
        JdbcStoreSchemas.create("athena", athena, AthenaStoreDialect.INSTANCE, "hive",
            "archive"));
    return connection;
  }

  /** Every row, its columns' getString joined by {@code |}. */
  public static List<String> rows(ResultSet rs) throws SQLException {
    List<String> rows = new ArrayList<>();
    int columns = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      StringBuilder row = new StringBuilder();
      for (int i = 1; i <= columns; i++) {
        row.append(i > 1 ? "|" : "").append(rs.getString(i));
      }
      rows.add(row.toString());
    }
    return rows;
  }
}
