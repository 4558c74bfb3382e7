package io.tiergate.adapter.redshift;

import io.tiergate.adapter.s3.ParquetRowReader;
import io.tiergate.adapter.s3.S3ObjectInfo;
import io.tiergate.adapter.s3.S3ObjectStore;
import io.tiergate.planner.catalog.ColumnSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warm loader of the local stack: what Redshift's COPY does, done by the gateway against the
 * PostgreSQL stand-in. It lists the slice's Parquet files on S3 (S3Proxy), reads them with
 * {@link ParquetRowReader} (ranged GETs, one row group in memory), and inserts their rows in
 * batches, after a delete of the slice's range, all in one transaction. A row outside the
 * slice's range fails the load: left in, it would sit in the warm table outside the range the
 * next load of its slice deletes, and be counted twice.
 */
public final class PostgresParquetLoader implements WarmLoader {
  /** Rows per JDBC batch; with reWriteBatchedInserts pgjdbc sends them as multi-row INSERTs. */
  public static final int BATCH_ROWS = 5_000;
  private static final Logger LOG = LoggerFactory.getLogger(PostgresParquetLoader.class);

  private final DataSource postgres;
  private final S3ObjectStore objects;

  public PostgresParquetLoader(DataSource postgres, S3ObjectStore objects) {
    this.postgres = Objects.requireNonNull(postgres, "postgres");
    this.objects = Objects.requireNonNull(objects, "objects");
  }

  /** {@code INSERT INTO <table> (<columns>) VALUES (?, ...)} */
  static String insertStatement(WarmTable table) {
    return "INSERT INTO " + table.name() + " (" + String.join(", ", table.columnNames())
        + ") VALUES (" + String.join(", ", Collections.nCopies(table.columns().size(), "?"))
        + ")";
  }

  @Override public WarmLoadResult load(WarmSlice slice) {
    long started = System.nanoTime();
    String bucket = slice.source().bucket();
    // COPY FROM a prefix takes every object under it; Parquet files only here, so markers and
    // temp files of a writer are not mistaken for data.
    List<String> keys = objects.list(bucket, slice.source().keyPrefix()).stream()
        .map(S3ObjectInfo::key).filter(key -> key.endsWith(".parquet")).toList();
    WarmLoadResult result = SliceTransaction.run(postgres, slice, keys.size(),
        connection -> insertAll(connection, slice, bucket, keys));
    LOG.info("Loaded {} rows from {} files under {} into {} (slice {}, {} rows replaced) in {} ms",
        result.rowsLoaded(), result.files(), slice.source(), slice.table().name(), slice.range(),
        result.rowsDeleted(), (System.nanoTime() - started) / 1_000_000);
    return result;
  }

  private long insertAll(Connection connection, WarmSlice slice, String bucket,
      List<String> keys) throws SQLException {
    WarmTable table = slice.table();
    int time = table.timeColumnIndex();
    long rows = 0;
    try (PreparedStatement insert = connection.prepareStatement(insertStatement(table))) {
      int pending = 0;
      for (String key : keys) {
        long row = 0;
        try (ParquetRowReader reader = objects.openParquet(bucket, key, table.columnNames())) {
          while (reader.hasNext()) {
            Object[] values = reader.next();
            Object at = values[time];
            if (!(at instanceof Long millis) || !slice.range().contains(millis)) {
              throw new SQLException(reader.name() + " row " + row + ": " + table.timeColumn()
                  + " " + (at instanceof Long m ? Instant.ofEpochMilli(m) : at)
                  + " is outside the slice " + slice.range() + " being loaded into "
                  + table.name());
            }
            bind(insert, table.columns(), values);
            insert.addBatch();
            row++;
            if (++pending == BATCH_ROWS) {
              insert.executeBatch();
              pending = 0;
            }
          }
        }
        rows += row;
      }
      if (pending > 0) {
        insert.executeBatch();
      }
    }
    return rows;
  }

  /** Parquet values (see ParquetType) as JDBC values of the column types. */
  private static void bind(PreparedStatement insert, List<ColumnSpec> columns, Object[] values)
      throws SQLException {
    for (int i = 0; i < values.length; i++) {
      Object value = values[i];
      ColumnSpec column = columns.get(i);
      switch (column.type()) {
        case TIMESTAMP -> insert.setObject(i + 1,
            value == null ? null : SliceTransaction.wallClock((Long) value), Types.TIMESTAMP);
        case DATE -> insert.setObject(i + 1, value == null ? null
            : LocalDate.ofEpochDay(((Number) value).longValue()), Types.DATE);
        case VARCHAR -> insert.setObject(i + 1, value, Types.VARCHAR);
        case DOUBLE -> insert.setObject(i + 1, value, Types.DOUBLE);
        case BIGINT -> insert.setObject(i + 1, value, Types.BIGINT);
        case INTEGER -> insert.setObject(i + 1, value, Types.INTEGER);
        case BOOLEAN -> insert.setObject(i + 1, value, Types.BOOLEAN);
        default -> throw new SQLException("Column " + column.name() + " has type "
            + column.type() + ", which the warm loader cannot write");
      }
    }
  }
}
