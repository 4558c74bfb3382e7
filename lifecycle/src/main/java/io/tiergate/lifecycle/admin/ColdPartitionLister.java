package io.tiergate.lifecycle.admin;

import io.tiergate.adapter.s3.DayPartitionLayout;
import io.tiergate.adapter.s3.ParquetRowReader;
import io.tiergate.adapter.s3.S3ObjectInfo;
import io.tiergate.adapter.s3.S3ObjectStore;
import io.tiergate.planner.manifest.TimeSlice;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * The day partitions of a cold tier, from one listing of its prefix (sizes and storage classes
 * come with it) and, for the partitions that can be read, the row counts of the Parquet footers
 * (a ranged GET each, several at a time).
 */
public final class ColdPartitionLister {
  private static final int FOOTER_READS_IN_FLIGHT = 8;

  private final S3ObjectStore objects;
  private final DayPartitionLayout layout;

  public ColdPartitionLister(S3ObjectStore objects, DayPartitionLayout layout) {
    this.objects = objects;
    this.layout = layout;
  }

  /**
   * The partitions of the days in {@code slice}, by day and storage class.
   *
   * @param readable whether a day's objects can be read now (an archived day cannot)
   */
  public List<ColdPartition> list(TimeSlice slice, Predicate<LocalDate> readable) {
    Map<String, List<S3ObjectInfo>> byPartition = new TreeMap<>();
    for (S3ObjectInfo o : objects.list(layout.root().bucket(), layout.root().keyPrefix())) {
      layout.parse(o.key()).filter(part -> inSlice(part.day(), slice)).ifPresent(part ->
          byPartition.computeIfAbsent(part.day() + " " + o.storageClass().awsName(),
              k -> new ArrayList<>()).add(o));
    }
    ExecutorService pool = Executors.newFixedThreadPool(FOOTER_READS_IN_FLIGHT);
    try {
      List<Future<ColdPartition>> partitions = new ArrayList<>();
      byPartition.forEach((key, parts) -> partitions.add(pool.submit(() -> {
        LocalDate day = LocalDate.parse(key.substring(0, key.indexOf(' ')));
        long bytes = parts.stream().mapToLong(S3ObjectInfo::size).sum();
        Long rows = readable.test(day) ? rows(parts) : null;
        return new ColdPartition(day, key.substring(key.indexOf(' ') + 1), parts.size(), bytes,
            rows);
      })));
      List<ColdPartition> result = new ArrayList<>();
      for (Future<ColdPartition> partition : partitions) {
        result.add(partition.get());
      }
      return result;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while listing " + layout.root(), e);
    } finally {
      pool.shutdownNow();
    }
  }

  private long rows(List<S3ObjectInfo> parts) {
    long rows = 0;
    for (S3ObjectInfo part : parts) {
      rows += ParquetRowReader.info(objects.inputFile(part.bucket(), part.key()), part.uri())
          .rowCount();
    }
    return rows;
  }

  /** Whether the day holds time of the slice (its floors need not fall on midnight). */
  private static boolean inSlice(LocalDate day, TimeSlice slice) {
    long start = day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
    return !new TimeSlice(start, start + 86_400_000L).intersect(slice).isEmpty();
  }
}
