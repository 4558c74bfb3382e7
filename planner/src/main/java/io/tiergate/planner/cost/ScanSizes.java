package io.tiergate.planner.cost;

import io.tiergate.planner.range.TimeRangeSet;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The sizes of a store table's day partitions, for the stores that bill by bytes scanned. The
 * gateway lists them (the planner knows no S3); a table it has no listing of answers null and
 * the estimate falls back on the planner's row statistics.
 */
@FunctionalInterface
public interface ScanSizes {
  ScanSizes NONE = (table, range) -> null;

  /**
   * The partitions of {@code storeTable} (its path, {@code [athena, events]}) that
   * {@code range} meets, whole days, as a query pruned to them reads them; null when unknown.
   */
  @Nullable StoredBytes storedBytes(List<String> storeTable, TimeRangeSet range);
}
