package io.tiergate.planner.rules;

import io.tiergate.planner.manifest.ArchivedDataException;
import io.tiergate.planner.manifest.ColdStorageRun;
import io.tiergate.planner.manifest.TimeSlice;
import io.tiergate.planner.range.TimeRangeSet;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What the cold branch of a tiered scan checks before it reads: the runs of archived partitions
 * (Glacier Flexible Retrieval, Deep Archive) of the manifest version the plan is pinned to.
 *
 * @param partitionColumn how the cold store names day partitions, for the error; may be null
 */
public record ArchiveCheck(String table, @Nullable String partitionColumn,
    List<ColdStorageRun> runs) {

  public ArchiveCheck {
    runs = List.copyOf(runs);
  }

  /**
   * Fails with {@link ArchivedDataException} when {@code range} (the query's time, already
   * within the cold slice) meets partitions not readable at {@code nowMillis}.
   */
  public void check(TimeRangeSet range, long nowMillis) {
    List<ColdStorageRun> needed = new ArrayList<>();
    for (ColdStorageRun run : runs) {
      if (run.readableAt(nowMillis)) {
        continue;
      }
      long from = Long.MAX_VALUE;
      long to = Long.MIN_VALUE;
      for (TimeSlice wanted : range.slices()) {
        TimeSlice met = wanted.intersect(run.slice());
        if (!met.isEmpty()) {
          from = Math.min(from, met.fromInclusive());
          to = Math.max(to, met.toExclusive());
        }
      }
      if (from < to) {
        // A partition is a whole day: a query touching part of one needs all of it restored.
        needed.add(run.clip(new TimeSlice(ArchivedDataException.dayFloor(from),
            ArchivedDataException.dayCeiling(to))));
      }
    }
    if (!needed.isEmpty()) {
      throw new ArchivedDataException(table, needed, partitionColumn);
    }
  }
}
