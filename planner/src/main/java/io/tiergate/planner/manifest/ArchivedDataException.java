package io.tiergate.planner.manifest;

import io.tiergate.planner.QueryRefusedException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * A query needs cold partitions in a storage class that cannot be read before a restore (S3
 * Glacier Flexible Retrieval, Deep Archive). Raised before any store is asked, because Athena
 * would silently skip such objects and return a partial answer.
 */
public final class ArchivedDataException extends QueryRefusedException {
  private final String table;
  private final List<ColdStorageRun> unreadable;
  private final String partitionColumn;

  /**
   * @param unreadable the needed runs, each clipped to the query's time (and day-aligned)
   * @param partitionColumn how the cold store names its day partitions ({@code dt}), or null
   */
  public ArchivedDataException(String table, List<ColdStorageRun> unreadable,
      String partitionColumn) {
    super(NOT_IN_PREREQUISITE_STATE, message(table, unreadable, partitionColumn));
    this.table = table;
    this.unreadable = List.copyOf(unreadable);
    this.partitionColumn = partitionColumn;
  }

  public String partitionColumn() {
    return partitionColumn;
  }

  public String table() {
    return table;
  }

  public List<ColdStorageRun> unreadable() {
    return unreadable;
  }

  /** {@code millis} rounded down to its UTC day. */
  public static long dayFloor(long millis) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC)
        .atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  /** {@code millis} rounded up to a UTC day boundary. */
  public static long dayCeiling(long millis) {
    long floor = dayFloor(millis);
    return floor == millis ? millis : floor + 86_400_000L;
  }

  private static String message(String table, List<ColdStorageRun> runs, String column) {
    String prefix = column == null ? "" : column + "=";
    long partitions = 0;
    StringBuilder ranges = new StringBuilder();
    for (ColdStorageRun run : runs) {
      LocalDate first = day(run.slice().fromInclusive());
      LocalDate last = day(run.slice().toExclusive() - 1);
      long days = last.toEpochDay() - first.toEpochDay() + 1;
      partitions += days;
      ranges.append(ranges.isEmpty() ? "" : ", ").append(prefix).append(first);
      if (!last.equals(first)) {
        ranges.append(" .. ").append(prefix).append(last);
      }
      ranges.append(" (").append(className(run.storageClass())).append(", ").append(days)
          .append(days == 1 ? " partition)" : " partitions)");
    }
    long from = runs.stream().mapToLong(r -> r.slice().fromInclusive()).min().orElse(0);
    long to = runs.stream().mapToLong(r -> r.slice().toExclusive()).max().orElse(0);
    return String.format(Locale.ROOT, "Table '%s': the query needs %,d cold %s in S3 Glacier "
        + "that %s not restored: %s. Athena cannot read archived objects (it would skip them). "
        + "Restore them first with CALL tiergate.restore('%s', TIMESTAMP '%s', TIMESTAMP '%s', "
        + "'STANDARD') (or 'BULK', or 'EXPEDITED' for Flexible Retrieval), or narrow the time "
        + "range of the query", table, partitions, partitions == 1 ? "partition" : "partitions",
        partitions == 1 ? "is" : "are", ranges, table, SqlTimestamp.format(from), SqlTimestamp.format(to));
  }

  private static String className(String storageClass) {
    return switch (storageClass) {
      case "GLACIER" -> "Glacier Flexible Retrieval";
      case "DEEP_ARCHIVE" -> "Glacier Deep Archive";
      default -> storageClass;
    };
  }

  private static LocalDate day(long millis) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }
}
