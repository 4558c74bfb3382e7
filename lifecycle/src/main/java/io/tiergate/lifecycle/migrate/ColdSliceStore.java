package io.tiergate.lifecycle.migrate;

import io.tiergate.adapter.s3.DayPartitionLayout;
import io.tiergate.adapter.s3.ParquetSchema;
import io.tiergate.adapter.s3.S3ObjectInfo;
import io.tiergate.adapter.s3.S3ObjectStore;
import io.tiergate.adapter.s3.S3StorageClass;
import io.tiergate.planner.catalog.ColumnSpec;
import io.tiergate.planner.manifest.TimeSlice;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Day-partitioned Parquet of one table on an S3 prefix ({@code <prefix>/dt=YYYY-MM-DD/
 * part-N.parquet}), as migrations write, read back, re-class and delete it. A job writes part
 * number = its job number, so a repeated step overwrites its own file and never adds a copy.
 */
public final class ColdSliceStore {
  /** Up to this many days, a slice's objects are listed day by day. */
  private static final int PER_DAY_LISTINGS = 31;

  private final S3ObjectStore objects;
  private final DayPartitionLayout layout;
  private final ParquetSchema schema;
  private final ClassChanger classChanger;

  public ColdSliceStore(S3ObjectStore objects, DayPartitionLayout layout,
      List<ColumnSpec> columns, ClassChanger classChanger) {
    this.objects = objects;
    this.layout = layout;
    this.schema = ParquetSchema.fromColumnSpecs(columns);
    this.classChanger = classChanger;
  }

  public DayPartitionLayout layout() {
    return layout;
  }

  public String bucket() {
    return layout.root().bucket();
  }

  public S3ObjectStore objects() {
    return objects;
  }

  public S3ObjectStore.ParquetObject write(LocalDate day, long part, List<Object[]> rows,
      S3StorageClass storageClass) {
    objects.createBucketIfMissing(bucket());
    return objects.putParquet(bucket(), layout.partKey(day, (int) part), schema, rows,
        storageClass);
  }

  /**
   * {@code columns} of the rows of one job's file of a day, which must exist: a verification
   * reads only what it compares.
   */
  public List<Object[]> read(LocalDate day, long part, List<String> columns) {
    List<Object[]> rows = new ArrayList<>();
    try (var reader = objects.openParquet(bucket(), layout.partKey(day, (int) part), columns)) {
      reader.forEachRemaining(rows::add);
    }
    return rows;
  }

  /** The keys of a day's files, oldest part (job) first. */
  public List<String> partKeys(LocalDate day) {
    return objects.list(bucket(), layout.dayPrefix(day)).stream()
        .flatMap(o -> layout.parse(o.key()).stream())
        .sorted(Comparator.comparingInt(DayPartitionLayout.PartFile::part))
        .map(DayPartitionLayout.PartFile::key).toList();
  }

  /** The days of {@code slice} that hold a file of part {@code part} (one job's files). */
  public List<LocalDate> daysWithPart(TimeSlice slice, long part) {
    return objects(slice).stream().map(o -> layout.parse(o.key()).orElseThrow())
        .filter(p -> p.part() == part).map(DayPartitionLayout.PartFile::day).sorted().toList();
  }

  /**
   * Every Parquet object of the days that {@code slice} touches: one listing per day for a few
   * days (a prefix holds years of them), one of the whole prefix otherwise.
   */
  public List<S3ObjectInfo> objects(TimeSlice slice) {
    List<S3ObjectInfo> found;
    if (slice.hasLowerBound() && slice.hasUpperBound()
        && slice.toExclusive() - slice.fromInclusive() <= PER_DAY_LISTINGS * 86_400_000L) {
      found = new ArrayList<>();
      for (LocalDate day = LifecyclePolicy.day(slice.fromInclusive());
          LifecyclePolicy.startOf(day) < slice.toExclusive(); day = day.plusDays(1)) {
        found.addAll(objects.list(bucket(), layout.dayPrefix(day)));
      }
    } else {
      found = objects.list(bucket(), layout.root().keyPrefix());
    }
    return found.stream()
        .filter(o -> layout.parse(o.key()).map(p -> touches(slice, p.day())).orElse(false))
        .toList();
  }

  /**
   * Deletes the objects of every day the slice touches that ends by the slice's end: all their
   * rows are older than the boundary that moved (a day's first part may predate the slice's
   * start when the previous boundary was not at midnight). Returns how many.
   *
   * @param beforeEachBatch run before each DeleteObjects request; throws to stop (a migration
   *     runner whose lease was taken over)
   */
  public int deleteDays(TimeSlice slice, Runnable beforeEachBatch) {
    List<String> keys = objects(slice).stream()
        .filter(o -> layout.parse(o.key()).map(p -> within(slice, p.day())).orElse(false))
        .map(S3ObjectInfo::key).toList();
    for (int i = 0; i < keys.size(); i += S3ObjectStore.MAX_DELETE_BATCH) {
      beforeEachBatch.run();
      objects.delete(bucket(), keys.subList(i,
          Math.min(keys.size(), i + S3ObjectStore.MAX_DELETE_BATCH)));
    }
    return keys.size();
  }

  /** Moves every object of the slice's days into {@code target} (see {@link ClassChanger}). */
  public int changeClass(TimeSlice slice, S3StorageClass target) {
    int changed = 0;
    for (S3ObjectInfo object : objects(slice)) {
      if (object.storageClass() != target) {
        classChanger.change(objects, object, target);
        changed++;
      }
    }
    return changed;
  }

  /** Objects of the slice's days that do not (yet) report {@code target}. */
  public List<S3ObjectInfo> notIn(TimeSlice slice, S3StorageClass target) {
    return classChanger.verifies() ? objects(slice).stream()
        .filter(o -> o.storageClass() != target).toList() : List.of();
  }

  static boolean touches(TimeSlice slice, LocalDate day) {
    long start = LifecyclePolicy.startOf(day);
    return start < slice.toExclusive() && start + 86_400_000L > slice.fromInclusive();
  }

  static boolean within(TimeSlice slice, LocalDate day) {
    return LifecyclePolicy.startOf(day) + 86_400_000L <= slice.toExclusive();
  }
}
