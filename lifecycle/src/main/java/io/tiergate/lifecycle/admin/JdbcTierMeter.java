package io.tiergate.lifecycle.admin;

import io.tiergate.planner.manifest.TimeSlice;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The warm tier from its database. On Redshift, {@code SVV_TABLE_INFO} (rows and 1 MB blocks
 * of the whole table, no scan); on the PostgreSQL stand-in, which has no such view, a count of
 * the slice and {@code pg_total_relation_size}.
 */
public final class JdbcTierMeter implements TierMeter {
  private final DataSource dataSource;
  private final boolean redshift;
  private final String schema;
  private final String table;
  private final String timeColumn;

  /**
   * @param url the store's JDBC URL: {@code jdbc:redshift:} reads SVV_TABLE_INFO
   * @param qualifiedTable {@code schema.table}
   */
  public JdbcTierMeter(DataSource dataSource, String url, String qualifiedTable,
      String timeColumn) {
    this.dataSource = dataSource;
    this.redshift = url.startsWith("jdbc:redshift:");
    int dot = qualifiedTable.lastIndexOf('.');
    this.schema = dot < 0 ? "public" : qualifiedTable.substring(0, dot);
    this.table = qualifiedTable.substring(dot + 1);
    this.timeColumn = timeColumn;
  }

  /** The query this meter sends; its parameters are the schema and table, or the slice. */
  public String sql() {
    if (redshift) {
      return "SELECT tbl_rows, size * 1048576 FROM svv_table_info WHERE \"schema\" = ? "
          + "AND \"table\" = ?";
    }
    String qualified = quote(schema) + "." + quote(table);
    return "SELECT COUNT(*), pg_total_relation_size('" + qualified.replace("'", "''")
        + "') FROM " + qualified + " WHERE " + quote(timeColumn) + " >= ? AND "
        + quote(timeColumn) + " < ?";
  }

  @Override public TierUsage measure(TimeSlice slice) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql())) {
      if (redshift) {
        s.setString(1, schema);
        s.setString(2, table);
      } else {
        s.setObject(1, wallClock(slice.fromInclusive()));
        s.setObject(2, wallClock(slice.toExclusive()));
      }
      try (ResultSet rs = s.executeQuery()) {
        // No row: Redshift lists no empty table in SVV_TABLE_INFO.
        return rs.next() ? new TierUsage(rs.getLong(1), rs.getLong(2)) : new TierUsage(0L, 0L);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Measuring warm table " + schema + "." + table + ": "
          + e.getMessage(), e);
    }
  }

  /** The stand-in's column is a TIMESTAMP without zone holding UTC wall-clock time. */
  private static LocalDateTime wallClock(long millis) {
    long clamped = Math.max(Math.min(millis, 253402300799999L), -62135596800000L);
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(clamped), ZoneOffset.UTC);
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
