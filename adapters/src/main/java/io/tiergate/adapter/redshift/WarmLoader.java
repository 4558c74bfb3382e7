package io.tiergate.adapter.redshift;

/**
 * Loads one slice of Parquet files from S3 into the warm table, replacing what the table held
 * in the slice's time range, atomically: readers see the old slice or the new one, never a mix
 * and never both. Repeating a load gives the same table (the migration's COPY step is retried
 * after a crash).
 */
public interface WarmLoader {
  WarmLoadResult load(WarmSlice slice);

  /** What a load did: rows removed from the range first, rows loaded, files read. */
  record WarmLoadResult(long rowsDeleted, long rowsLoaded, int files) {
  }
}
