package io.tiergate.planner.manifest;

/**
 * Consecutive cold partitions in one S3 storage class, as the manifest records them.
 *
 * <p>Runs rather than one entry per day partition: classes follow age, so seven years of day
 * partitions are a handful of runs, and a restore splits at most two of them.
 *
 * @param slice the event time the run's partitions hold (day-aligned, half-open)
 * @param storageClass the S3 storage class, by its AWS name ({@code GLACIER_IR}, {@code GLACIER},
 *     {@code DEEP_ARCHIVE})
 * @param needsRestore whether the class must be restored before a read (Flexible Retrieval and
 *     Deep Archive; Athena silently skips such objects, so Tiergate refuses instead)
 * @param restoredUntil epoch millis until which a finished restore keeps the data readable, or 0
 */
public record ColdStorageRun(TimeSlice slice, String storageClass, boolean needsRestore,
    long restoredUntil) {

  public static ColdStorageRun of(long fromInclusive, long toExclusive, String storageClass,
      boolean needsRestore) {
    return new ColdStorageRun(new TimeSlice(fromInclusive, toExclusive), storageClass,
        needsRestore, 0);
  }

  /** Whether a query at {@code nowMillis} can read the run's partitions. */
  public boolean readableAt(long nowMillis) {
    return !needsRestore || restoredUntil > nowMillis;
  }

  public ColdStorageRun clip(TimeSlice range) {
    return new ColdStorageRun(slice.intersect(range), storageClass, needsRestore, restoredUntil);
  }

  public ColdStorageRun restoredUntil(long until) {
    return new ColdStorageRun(slice, storageClass, needsRestore, until);
  }
}
