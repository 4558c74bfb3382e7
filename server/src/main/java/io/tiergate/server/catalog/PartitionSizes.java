package io.tiergate.server.catalog;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.tiergate.adapter.s3.DayPartitionLayout;
import io.tiergate.adapter.s3.S3ObjectInfo;
import io.tiergate.adapter.s3.S3ObjectStore;
import io.tiergate.planner.cost.ScanSizes;
import io.tiergate.planner.cost.StoredBytes;
import io.tiergate.planner.exec.ExecutionScope;
import io.tiergate.planner.manifest.TimeSlice;
import io.tiergate.planner.range.TimeRangeSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sizes of the day partitions of the warm and cold tiers' S3 prefixes, by the store table
 * that reads them, for the cost estimate. One listing per prefix, kept for a minute: partitions
 * change only when the lifecycle moves a day, and a query should not wait on a listing each time.
 * The listing is the gateway's own lookup, so it is not counted as a request of the query being
 * planned.
 */
final class PartitionSizes implements ScanSizes {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionSizes.class);
  private static final long DAY = 86_400_000L;

  private final S3ObjectStore objects;
  private final Map<List<String>, DayPartitionLayout> layouts;
  private final LoadingCache<List<String>, NavigableMap<LocalDate, Day>> listings;

  /** @param layouts each store table's path ({@code [athena, events]}) to its S3 prefix */
  PartitionSizes(S3ObjectStore objects, Map<List<String>, DayPartitionLayout> layouts) {
    this.objects = objects;
    this.layouts = Map.copyOf(layouts);
    this.listings = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1))
        .build(this::list);
  }

  @Override public StoredBytes storedBytes(List<String> storeTable, TimeRangeSet range) {
    if (!layouts.containsKey(storeTable)) {
      return null;
    }
    NavigableMap<LocalDate, Day> days;
    try {
      days = listings.get(storeTable);
    } catch (RuntimeException e) {
      LOG.warn("Cannot list the partitions of {} for a cost estimate; it uses row statistics",
          storeTable, e);
      return null;
    }
    long bytes = 0;
    long files = 0;
    int partitions = 0;
    for (Map.Entry<LocalDate, Day> day : days.entrySet()) {
      long start = day.getKey().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      if (range.overlaps(new TimeSlice(start, start + DAY))) {
        bytes += day.getValue().bytes();
        files += day.getValue().objects();
        partitions++;
      }
    }
    return new StoredBytes(bytes, partitions, files);
  }

  private NavigableMap<LocalDate, Day> list(List<String> storeTable) {
    DayPartitionLayout layout = layouts.get(storeTable);
    NavigableMap<LocalDate, Day> days = new TreeMap<>();
    List<S3ObjectInfo> listed = new ExecutionScope().run(() ->
        objects.list(layout.root().bucket(), layout.root().keyPrefix()));
    for (S3ObjectInfo o : listed) {
      layout.parse(o.key()).ifPresent(part -> days.merge(part.day(), new Day(o.size(), 1),
          (a, b) -> new Day(a.bytes() + b.bytes(), a.objects() + b.objects())));
    }
    return days;
  }

  private record Day(long bytes, long objects) {
  }
}
