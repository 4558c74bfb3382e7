package io.tiergate.planner.rules;

import io.tiergate.planner.manifest.ColdStorageRun;
import io.tiergate.planner.manifest.SqlTimestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Archived days a statement left out under {@code archived=skip}: what its warning says.
 *
 * @param run the days left out (whole UTC days, within one storage-class run)
 * @param partitionColumn how the cold store names day partitions ({@code dt}), or null
 */
public record SkippedArchive(String table, @Nullable String partitionColumn,
    ColdStorageRun run) {

  public LocalDate firstDay() {
    return day(run.slice().fromInclusive());
  }

  public LocalDate lastDay() {
    return day(run.slice().toExclusive() - 1);
  }

  /** The warning's text: the table, the days, the class, and the restore that reads them. */
  public String message() {
    String column = partitionColumn == null ? "days" : partitionColumn;
    return "Skipped archived partitions of table '" + table + "' (" + column + " from "
        + firstDay() + " to " + lastDay() + ", " + run.storageClass() + "): not restored; CALL "
        + "tiergate.restore('" + table + "', TIMESTAMP '"
        + SqlTimestamp.format(run.slice().fromInclusive()) + "', TIMESTAMP '"
        + SqlTimestamp.format(run.slice().toExclusive()) + "', 'STANDARD') to read them";
  }

  private static LocalDate day(long millis) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }
}
