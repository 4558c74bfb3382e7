package io.tiergate.adapter.redshift;

import io.tiergate.adapter.s3.DayPartitionLayout;
import io.tiergate.adapter.s3.S3Location;
import io.tiergate.planner.manifest.TimeSlice;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * One slice of a warm table to load: the rows of {@code table} whose time is in {@code range}
 * (half-open), from the Parquet files under {@code source}. Loading replaces the slice: whatever
 * the table held in that range is deleted in the same transaction, so a load can be repeated.
 */
public record WarmSlice(WarmTable table, S3Location source, TimeSlice range) {
  public WarmSlice {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(range, "range");
    if (range.isEmpty() || !range.hasLowerBound() || !range.hasUpperBound()) {
      throw new IllegalArgumentException("A warm slice of " + table.name()
          + " needs a bounded, non-empty time range; got " + range);
    }
  }

  /** The UTC day {@code day} of a day-partitioned layout: {@code <root>/dt=YYYY-MM-DD/}. */
  public static WarmSlice day(WarmTable table, DayPartitionLayout layout, LocalDate day) {
    long from = day.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    long to = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    return new WarmSlice(table, layout.dayLocation(day), new TimeSlice(from, to));
  }
}
