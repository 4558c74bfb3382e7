package io.tiergate.adapter.redshift;

import io.tiergate.adapter.s3.ParquetRowReader;
import io.tiergate.adapter.s3.S3ObjectInfo;
import io.tiergate.adapter.s3.S3ObjectStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warm loader of the local stack: what Redshift's COPY does, done by the gateway against the
 * PostgreSQL stand-in. It lists the slice's Parquet files on S3 (S3Proxy), reads them with
 * {@link ParquetRowReader} (ranged GETs, one row group in memory), and streams their rows into
 * PostgreSQL's COPY FROM STDIN (several times faster than batched INSERTs), after a delete of
 * the slice's range, all in one transaction. A row outside the slice's range fails the load:
 * left in, it would sit in the warm table outside the range the next load of its slice
 * deletes, and be counted twice. A slice with several known files and a keyed table keeps one
 * row per key, from the newest file.
 */
public final class PostgresParquetLoader implements WarmLoader {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresParquetLoader.class);

  private final DataSource postgres;
  private final S3ObjectStore objects;

  public PostgresParquetLoader(DataSource postgres, S3ObjectStore objects) {
    this.postgres = Objects.requireNonNull(postgres, "postgres");
    this.objects = Objects.requireNonNull(objects, "objects");
  }

  @Override public WarmLoadResult load(WarmSlice slice) {
    long started = System.nanoTime();
    String bucket = slice.source().bucket();
    // COPY FROM a prefix takes every object under it; Parquet files only here, so markers and
    // temp files of a writer are not mistaken for data.
    List<String> keys = slice.files().isEmpty() ? objects.list(bucket, slice.source().keyPrefix())
        .stream().map(S3ObjectInfo::key).filter(key -> key.endsWith(".parquet")).toList()
        : slice.files();
    WarmLoadResult result = SliceTransaction.run(postgres, slice, keys.size(),
        connection -> insertAll(connection, slice, bucket, keys));
    LOG.info("Loaded {} rows from {} files under {} into {} (slice {}, {} rows replaced) in {} ms",
        result.rowsLoaded(), result.files(), slice.source(), slice.table().name(), slice.range(),
        result.rowsDeleted(), (System.nanoTime() - started) / 1_000_000);
    return result;
  }

  private long insertAll(Connection connection, WarmSlice slice, String bucket,
      List<String> keys) throws SQLException {
    CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
        copyStatement(slice.table()));
    try {
      CsvRows csv = new CsvRows(slice.table().columns(), copy);
      long rows = 0;
      if (slice.mergesByKey()) {
        // Newest file last: its row of a key replaces an older file's.
        int[] key = slice.table().keyIndexes();
        Map<List<Object>, Object[]> latest = new LinkedHashMap<>();
        for (String file : keys) {
          read(slice, bucket, file, values -> latest.put(keyOf(values, key), values));
        }
        for (Object[] values : latest.values()) {
          csv.add(values);
        }
        rows = latest.size();
      } else {
        for (String file : keys) {
          rows += read(slice, bucket, file, csv::add);
        }
      }
      csv.flush();
      copy.endCopy();
      return rows;
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  /** What receives the rows of a file. */
  private interface RowSink {
    void accept(Object[] values) throws SQLException;
  }

  /** Reads one file into {@code sink}; a row outside the slice fails the load. */
  private long read(WarmSlice slice, String bucket, String key, RowSink sink)
      throws SQLException {
    WarmTable table = slice.table();
    int time = table.timeColumnIndex();
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
        sink.accept(values);
        row++;
      }
    }
    return row;
  }

  private static List<Object> keyOf(Object[] values, int[] key) {
    Object[] parts = new Object[key.length];
    for (int i = 0; i < key.length; i++) {
      parts[i] = values[key[i]];
    }
    return Arrays.asList(parts);
  }

  /** {@code COPY <table> (<columns>) FROM STDIN (FORMAT csv)}: PostgreSQL's bulk path. */
  static String copyStatement(WarmTable table) {
    return "COPY " + table.name() + " (" + String.join(", ", table.columnNames())
        + ") FROM STDIN (FORMAT csv)";
  }
}
