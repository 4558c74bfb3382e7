package io.tiergate.planner.rules;

import io.tiergate.planner.manifest.ArchivedDataException;
import io.tiergate.planner.manifest.ColdStorageRun;
import io.tiergate.planner.manifest.TimeSlice;
import io.tiergate.planner.range.TimeRangeSet;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a cold branch of a tiered scan checks before it reads: the runs of archived partitions
 * (Glacier Flexible Retrieval, Deep Archive) of the manifest version the plan is pinned to.
 *
 * <p>Each archived run has a cold branch of its own (see TieredTable), so that under
 * {@code archived=skip} a run that is not readable is left out by not running its branch at
 * all, while the error of the default mode still names every run the query needs: the check
 * looks at the query's time over the whole cold slice, {@code cold}.
 *
 * @param partitionColumn how the cold store names day partitions, for the error; may be null
 * @param cold the whole cold slice of the manifest version
 */
public record ArchiveCheck(String table, @Nullable String partitionColumn,
    List<ColdStorageRun> runs, TimeSlice cold) {

  public ArchiveCheck {
    runs = List.copyOf(runs);
  }

  /**
   * Fails with {@link ArchivedDataException} when {@code range} (the query's time, already
   * within the cold slice) meets partitions not readable at {@code nowMillis}.
   */
  public void check(TimeRangeSet range, long nowMillis) {
    check(range, nowMillis, ArchivedMode.FAIL);
  }

  /**
   * The partitions {@code range} meets that are not readable at {@code nowMillis}, as whole
   * days clipped to their runs: returned under {@link ArchivedMode#SKIP} (for the caller to
   * leave out), else an {@link ArchivedDataException} naming them. Empty when all is readable.
   */
  public List<ColdStorageRun> check(TimeRangeSet range, long nowMillis, ArchivedMode mode) {
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
    if (!needed.isEmpty() && mode != ArchivedMode.SKIP) {
      throw new ArchivedDataException(table, needed, partitionColumn);
    }
    return needed;
  }
}
