package io.tiergate.adapter.redshift;

import io.tiergate.adapter.s3.DayPartitionLayout;
import io.tiergate.adapter.s3.S3Location;
import io.tiergate.planner.manifest.TimeSlice;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * One slice of a warm table to load: the rows of {@code table} whose time is in {@code range}
 * (half-open), from the Parquet files under {@code source}. Loading replaces the slice: whatever
 * the table held in that range is deleted in the same transaction, so a load can be repeated.
 *
 * @param files the keys of the slice's files, oldest first, when the caller knows them (a key
 *     in several files keeps the newest file's row); empty: every Parquet object under
 *     {@code source}, loaded as they are
 */
public record WarmSlice(WarmTable table, S3Location source, TimeSlice range, List<String> files) {
  public WarmSlice {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(range, "range");
    files = List.copyOf(files);
    for (String file : files) {
      if (!file.startsWith(source.keyPrefix())) {
        throw new IllegalArgumentException("File " + file + " of the warm slice of "
            + table.name() + " is not under " + source);
      }
    }
    if (range.isEmpty() || !range.hasLowerBound() || !range.hasUpperBound()) {
      throw new IllegalArgumentException("A warm slice of " + table.name()
          + " needs a bounded, non-empty time range; got " + range);
    }
  }

  public WarmSlice(WarmTable table, S3Location source, TimeSlice range) {
    this(table, source, range, List.of());
  }

  /** This slice, loaded from {@code files} (keys, oldest first). */
  public WarmSlice withFiles(List<String> files) {
    return new WarmSlice(table, source, range, files);
  }

  /** Whether rows must be merged by key: several known files, and a key to merge by. */
  public boolean mergesByKey() {
    return files.size() > 1 && !table.keyColumns().isEmpty();
  }

  /** The UTC day {@code day} of a day-partitioned layout: {@code <root>/dt=YYYY-MM-DD/}. */
  public static WarmSlice day(WarmTable table, DayPartitionLayout layout, LocalDate day) {
    long from = day.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    long to = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    return new WarmSlice(table, layout.dayLocation(day), new TimeSlice(from, to));
  }
}
