package io.tiergate.adapter.redshift;

import java.sql.Statement;
import io.tiergate.adapter.s3.S3Location;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The production warm loader: Redshift reads the slice's Parquet files from S3 itself with
 * {@code COPY <table> FROM 's3://bucket/prefix/' IAM_ROLE '<arn>' FORMAT AS PARQUET}, after a
 * delete of the slice's range, in one transaction (Redshift runs COPY inside a transaction).
 * COPY takes every object under the prefix and maps Parquet columns to table columns by
 * position, so a prefix must hold only the slice's files, written in the table's column order.
 *
 * <p>COPY FROM S3 needs AWS; PostgreSQL (the local stand-in) has no such statement. Locally
 * {@link PostgresParquetLoader} does the same load through the gateway; this class's statements
 * are asserted as text in its tests.
 */
public final class RedshiftCopyLoader implements WarmLoader {
  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[A-Za-z0-9+=,.@_/-]+");

  /** The temporary table a later file of a day is merged through. */
  private static final String STAGE = "tiergate_load_part";
  private static final DateTimeFormatter TIMESTAMP_TEXT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);

  private final DataSource redshift;
  private final String iamRoleArn;

  /** @param iamRoleArn the role Redshift assumes to read the bucket */
  public RedshiftCopyLoader(DataSource redshift, String iamRoleArn) {
    this.redshift = Objects.requireNonNull(redshift, "redshift");
    if (iamRoleArn == null || !ROLE_ARN.matcher(iamRoleArn).matches()) {
      throw new IllegalArgumentException("'" + iamRoleArn + "' is not an IAM role ARN"
          + " (arn:aws:iam::<12-digit account>:role/<name>) for Redshift's COPY");
    }
    this.iamRoleArn = iamRoleArn;
  }

  /** The COPY statement for a slice, exactly as sent. */
  public String copyStatement(WarmSlice slice) {
    return copyStatement(slice.table().name(), slice.source().toString());
  }

  @Override public WarmLoadResult load(WarmSlice slice) {
    // The number of files is Redshift's business: it lists the prefix itself.
    return SliceTransaction.run(redshift, slice, slice.files().isEmpty() ? -1
        : slice.files().size(), connection -> {
          try (Statement statement = connection.createStatement()) {
            if (!slice.mergesByKey()) {
              return statement.executeUpdate(copyStatement(slice)); // Redshift: rows loaded
            }
            long rows = 0;
            for (MergeStatement merge : mergeStatements(slice)) {
              rows += merge.rowsSign() * (long) statement.executeUpdate(merge.sql());
            }
            return rows;
          }
        });
  }

  /**
   * A day from several files of a keyed table, newest last, as Redshift's merge pattern: the
   * oldest file straight into the table, each later one through a temporary table whose keys
   * first delete the day's older rows. The slice's range was emptied before, in the same
   * transaction.
   */
  public List<MergeStatement> mergeStatements(WarmSlice slice) {
    WarmTable table = slice.table();
    String unqualified = table.name().substring(table.name().indexOf('.') + 1);
    String bucket = slice.source().bucket();
    String sameKey = table.keyColumns().stream()
        .map(k -> unqualified + "." + k + " = " + STAGE + "." + k)
        .collect(Collectors.joining(" AND "));
    String inDay = unqualified + "." + table.timeColumn() + " >= " + timestamp(
        slice.range().fromInclusive()) + " AND " + unqualified + "." + table.timeColumn() + " < "
        + timestamp(slice.range().toExclusive());
    List<MergeStatement> statements = new ArrayList<>();
    statements.add(new MergeStatement(copyStatement(table.name(),
        S3Location.uri(bucket, slice.files().get(0))), 1));
    statements.add(new MergeStatement("CREATE TEMP TABLE " + STAGE + " (LIKE " + table.name()
        + ")", 0));
    for (String file : slice.files().subList(1, slice.files().size())) {
      statements.add(new MergeStatement(copyStatement(STAGE, S3Location.uri(bucket, file)), 0));
      statements.add(new MergeStatement("DELETE FROM " + table.name() + " USING " + STAGE
          + " WHERE " + sameKey + " AND " + inDay, -1));
      statements.add(new MergeStatement("INSERT INTO " + table.name() + " SELECT * FROM "
          + STAGE, 1));
      // Not TRUNCATE: in Redshift it commits the transaction.
      statements.add(new MergeStatement("DELETE FROM " + STAGE, 0));
    }
    statements.add(new MergeStatement("DROP TABLE " + STAGE, 0));
    return statements;
  }

  /** One statement of a merge load, and how its update count changes the rows loaded. */
  public record MergeStatement(String sql, int rowsSign) {
  }

  private String copyStatement(String table, String source) {
    // The ARN is validated; a bucket name cannot hold a quote, a key could.
    if (source.indexOf('\'') >= 0) {
      throw new IllegalArgumentException("S3 location " + source
          + " holds a quote, which cannot be written into a COPY statement");
    }
    return "COPY " + table + " FROM '" + source + "' IAM_ROLE '" + iamRoleArn
        + "' FORMAT AS PARQUET";
  }

  private static String timestamp(long millis) {
    return "TIMESTAMP '" + TIMESTAMP_TEXT.format(SliceTransaction.wallClock(millis)) + "'";
  }
}
