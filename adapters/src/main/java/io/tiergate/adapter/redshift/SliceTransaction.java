package io.tiergate.adapter.redshift;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * The one transaction a warm load runs in: delete the slice's time range, then insert (the
 * loader's part), then commit; any failure rolls back, so the table is as before.
 */
final class SliceTransaction {
  private SliceTransaction() {
  }

  /** The loader's part of the transaction, after the range is deleted. */
  interface Insert {
    /** @return rows loaded */
    long run(Connection connection) throws SQLException;
  }

  /** {@code DELETE FROM <table> WHERE <time> >= ? AND <time> < ?}: the slice, half-open. */
  static String deleteStatement(WarmTable table) {
    return "DELETE FROM " + table.name() + " WHERE " + table.timeColumn() + " >= ? AND "
        + table.timeColumn() + " < ?";
  }

  static WarmLoader.WarmLoadResult run(DataSource dataSource, WarmSlice slice, int files,
      Insert insert) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        long deleted;
        try (PreparedStatement delete = connection.prepareStatement(deleteStatement(slice.table()))) {
          delete.setObject(1, wallClock(slice.range().fromInclusive()));
          delete.setObject(2, wallClock(slice.range().toExclusive()));
          deleted = delete.executeUpdate();
        }
        long loaded = insert.run(connection);
        connection.commit();
        return new WarmLoader.WarmLoadResult(deleted, loaded, files);
      } catch (SQLException | RuntimeException e) {
        rollback(connection, e);
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new WarmLoadException("Loading " + slice.source() + " into " + slice.table().name()
          + " (slice " + slice.range() + ") failed and was rolled back: " + e.getMessage(), e);
    }
  }

  /** A TIMESTAMP value: the UTC wall clock of epoch millis (tables hold UTC times). */
  static LocalDateTime wallClock(long epochMillis) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
  }

  private static void rollback(Connection connection, Exception failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }
}
