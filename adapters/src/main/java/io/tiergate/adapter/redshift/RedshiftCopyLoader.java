package io.tiergate.adapter.redshift;

import java.sql.Statement;
import java.util.Objects;
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
    // The ARN is validated; a bucket name cannot hold a quote, a key prefix could.
    if (slice.source().prefix().indexOf('\'') >= 0) {
      throw new IllegalArgumentException("S3 prefix " + slice.source()
          + " holds a quote, which cannot be written into a COPY statement");
    }
    return "COPY " + slice.table().name() + " FROM '" + slice.source() + "' IAM_ROLE '"
        + iamRoleArn + "' FORMAT AS PARQUET";
  }

  @Override public WarmLoadResult load(WarmSlice slice) {
    // The number of files is Redshift's business: it lists the prefix itself.
    return SliceTransaction.run(redshift, slice, -1, connection -> {
      try (Statement copy = connection.createStatement()) {
        return copy.executeUpdate(copyStatement(slice)); // Redshift: rows loaded
      }
    });
  }
}
