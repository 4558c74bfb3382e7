package io.tiergate.adapter.redis;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;

/**
 * Plain Calcite over the Redis tables (case-sensitive names, as the gateway): the filters and
 * projections the tables receive are the ones Calcite pushes, as in the gateway. TIMESTAMP
 * values come back as epoch millis.
 */
final class RedisSql implements AutoCloseable {
  private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

  private final Connection connection;
  private final Map<String, PreparedStatement> prepared = new java.util.HashMap<>();

  RedisSql(Map<String, Table> tables) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("lex", "JAVA");
    connection = DriverManager.getConnection("jdbc:calcite:", properties);
    SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
    tables.forEach(root::add);
  }

  List<List<Object>> query(String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      return execute(statement, parameters);
    }
  }

  /**
   * Planned once per text, run many times (planning, not Redis, is what a query of a few keys
   * mostly spends its time on here).
   */
  List<List<Object>> queryPrepared(String sql, Object... parameters) throws SQLException {
    PreparedStatement statement = prepared.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      prepared.put(sql, statement);
    }
    return execute(statement, parameters);
  }

  private static List<List<Object>> execute(PreparedStatement statement, Object... parameters)
      throws SQLException {
    {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
          Object[] row = new Object[meta.getColumnCount()];
          for (int i = 1; i <= row.length; i++) {
            row[i - 1] = meta.getColumnType(i) == Types.TIMESTAMP && rs.getTimestamp(i, UTC) != null
                ? rs.getTimestamp(i, UTC).getTime() : rs.getObject(i);
          }
          rows.add(Arrays.asList(row));
        }
        return rows;
      }
    }
  }

  @Override public void close() throws SQLException {
    connection.close();
  }
}
