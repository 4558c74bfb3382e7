package io.tiergate.lifecycle.migrate;

import io.tiergate.adapter.redshift.WarmLoader;
import io.tiergate.adapter.redshift.WarmSlice;
import io.tiergate.adapter.redshift.WarmTable;
import io.tiergate.adapter.s3.S3StorageClass;
import io.tiergate.planner.catalog.ColumnSpec;
import io.tiergate.planner.manifest.TimeSlice;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The warm tier of one table as migrations use it: day-partitioned Parquet on S3 Standard (the
 * warm prefix) is what Redshift is loaded from, a day at a time, by the {@link WarmLoader};
 * reads and deletes of a slice go to Redshift (or its PostgreSQL stand-in) over JDBC.
 */
public final class WarmSliceStore {
  private final DataSource database;
  private final WarmTable table;
  private final ColdSliceStore files;
  private final WarmLoader loader;

  public WarmSliceStore(DataSource database, WarmTable table, ColdSliceStore files,
      WarmLoader loader) {
    this.database = database;
    this.table = table;
    this.files = files;
    this.loader = loader;
  }

  public WarmTable table() {
    return table;
  }

  public ColdSliceStore files() {
    return files;
  }

  /**
   * Writes a job's rows of one day to the warm prefix, then reloads that day into Redshift. A
   * key already loaded from an earlier job's file of the day (a row written again after its day
   * moved) keeps this job's row: part numbers are job numbers, so the newest file wins.
   */
  public void writeAndLoad(LocalDate day, long part, List<Object[]> rows) {
    files.write(day, part, rows, S3StorageClass.STANDARD);
    reload(day);
  }

  /** Loads a day again from the files its prefix holds now. */
  public void reload(LocalDate day) {
    loader.load(WarmSlice.day(table, files.layout(), day).withFiles(files.partKeys(day)));
  }

  /** Every row of the warm table whose time is in {@code slice}. */
  public List<Object[]> rows(TimeSlice slice) {
    return rows(slice, table.columnNames());
  }

  /** {@code columnNames} of every row of the warm table whose time is in {@code slice}. */
  public List<Object[]> rows(TimeSlice slice, List<String> columnNames) {
    List<ColumnSpec> columns = columnNames.stream().map(name -> table.columns().stream()
        .filter(c -> c.name().equals(name)).findFirst().orElseThrow(() ->
            new IllegalArgumentException(table.name() + " has no column " + name))).toList();
    String sql = "SELECT " + String.join(", ", columnNames) + " FROM " + table.name()
        + " WHERE " + table.timeColumn() + " >= ? AND " + table.timeColumn() + " < ?";
    List<Object[]> rows = new ArrayList<>();
    try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, wallClock(slice.fromInclusive()));
      s.setObject(2, wallClock(slice.toExclusive()));
      s.setFetchSize(5_000);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(row(rs, columns));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Reading " + table.name() + " " + slice + " failed: "
          + e.getMessage(), e);
    }
    return rows;
  }

  /**
   * Deletes the slice from Redshift, then its days' files from the warm prefix.
   *
   * @param fence run before the DELETE commits and before each batch of files; throws to stop
   *     (a migration runner whose lease was taken over), and the DELETE rolls back
   */
  public long delete(TimeSlice slice, Runnable fence) {
    String sql = "DELETE FROM " + table.name() + " WHERE " + table.timeColumn() + " >= ? AND "
        + table.timeColumn() + " < ?";
    long deleted;
    try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      c.setAutoCommit(false);
      try {
        s.setObject(1, wallClock(slice.fromInclusive()));
        s.setObject(2, wallClock(slice.toExclusive()));
        deleted = s.executeUpdate();
        // Checked after the DELETE, just before it takes effect: the window a takeover could
        // slip through is the commit, not the whole statement.
        fence.run();
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Deleting " + slice + " from " + table.name()
          + " failed: " + e.getMessage(), e);
    }
    files.deleteDays(slice, fence);
    return deleted;
  }

  private static Object[] row(ResultSet rs, List<ColumnSpec> columns) throws SQLException {
    Object[] row = new Object[columns.size()];
    for (int i = 0; i < row.length; i++) {
      row[i] = switch (columns.get(i).type()) {
        case TIMESTAMP -> {
          LocalDateTime t = rs.getObject(i + 1, LocalDateTime.class);
          yield t == null ? null : t.toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        case DATE -> {
          LocalDate d = rs.getObject(i + 1, LocalDate.class);
          yield d == null ? null : (int) d.toEpochDay();
        }
        case DOUBLE -> nullable(rs, rs.getDouble(i + 1));
        case BIGINT -> nullable(rs, rs.getLong(i + 1));
        case INTEGER -> nullable(rs, rs.getInt(i + 1));
        case BOOLEAN -> nullable(rs, rs.getBoolean(i + 1));
        default -> rs.getString(i + 1);
      };
    }
    return row;
  }

  private static Object nullable(ResultSet rs, Object value) throws SQLException {
    return rs.wasNull() ? null : value;
  }

  private static LocalDateTime wallClock(long millis) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000),
        (int) Math.floorMod(millis, 1000) * 1_000_000, ZoneOffset.UTC);
  }
}
