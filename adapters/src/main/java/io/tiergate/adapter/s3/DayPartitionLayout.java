package io.tiergate.adapter.s3;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the Parquet files of a day-partitioned table live:
 * {@code <root>/dt=YYYY-MM-DD/part-NNNNN.parquet}, where {@code root} is the table's location
 * ({@link #of} appends the table name to a base location). Hive-style {@code dt=} directories are
 * what Trino's Hive connector (and Athena) register as partitions of a {@code dt} column. Days are
 * UTC days of the table's time column.
 */
public record DayPartitionLayout(S3Location root) {
  /** The partition column name in the Hive-style directory. */
  public static final String PARTITION_COLUMN = "dt";
  private static final Pattern PART = Pattern.compile(
      "dt=(\\d{4}-\\d{2}-\\d{2})/part-(\\d{1,9})\\.parquet");

  public DayPartitionLayout {
    Objects.requireNonNull(root, "root");
  }

  /** The layout of {@code table} under a base location: root = {@code <base>/<table>/}. */
  public static DayPartitionLayout of(S3Location base, String table) {
    if (table == null || table.isBlank() || table.contains("/")) {
      throw new IllegalArgumentException("Invalid table name for an S3 prefix: '" + table + "'");
    }
    return new DayPartitionLayout(base.resolve(table));
  }

  /** The UTC day of an epoch-millis timestamp (a TIMESTAMP value). */
  public static LocalDate dayOf(long epochMillis) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
  }

  /** {@code dt=2024-01-31} */
  public static String partitionName(LocalDate day) {
    return PARTITION_COLUMN + "=" + day;
  }

  /** The day's "directory", e.g. for Trino's {@code register_partition} location. */
  public S3Location dayLocation(LocalDate day) {
    return root.resolve(partitionName(day));
  }

  /** The key prefix of one day, with trailing slash: list under it for the day's files. */
  public String dayPrefix(LocalDate day) {
    return dayLocation(day).keyPrefix();
  }

  /** The key of part {@code part} (0-based) of a day. */
  public String partKey(LocalDate day, int part) {
    if (part < 0) {
      throw new IllegalArgumentException("Negative part number " + part);
    }
    return root.key(partitionName(day) + "/"
        + String.format(Locale.ROOT, "part-%05d.parquet", part));
  }

  /** The day and part of a key of this layout; empty for any other key (temp files, markers). */
  public Optional<PartFile> parse(String key) {
    String rootPrefix = root.keyPrefix();
    if (!key.startsWith(rootPrefix)) {
      return Optional.empty();
    }
    Matcher m = PART.matcher(key.substring(rootPrefix.length()));
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new PartFile(key, LocalDate.parse(m.group(1)),
          Integer.parseInt(m.group(2))));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** One Parquet file of the layout. */
  public record PartFile(String key, LocalDate day, int part) {
  }
}
