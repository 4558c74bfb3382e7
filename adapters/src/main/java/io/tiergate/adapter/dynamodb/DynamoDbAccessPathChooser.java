package io.tiergate.adapter.dynamodb;

import io.tiergate.adapter.dynamodb.DynamoDbAccessPath.BatchGetItem;
import io.tiergate.adapter.dynamodb.DynamoDbAccessPath.DayBucket;
import io.tiergate.adapter.dynamodb.DynamoDbAccessPath.DayIndexQuery;
import io.tiergate.adapter.dynamodb.DynamoDbAccessPath.GetItem;
import io.tiergate.adapter.dynamodb.DynamoDbAccessPath.NoRows;
import io.tiergate.adapter.dynamodb.DynamoDbAccessPath.ParallelScan;
import io.tiergate.adapter.dynamodb.DynamoDbAccessPath.PartitionQuery;
import io.tiergate.adapter.dynamodb.DynamoDbAccessPath.SortKeyRange;
import io.tiergate.adapter.dynamodb.DynamoDbKeyCondition.ItemKey;
import io.tiergate.planner.manifest.TimeSlice;
import io.tiergate.planner.range.TimeRangeSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the cheapest way to read what a key condition selects, in this order:
 * <ol>
 *   <li>no request when nothing can match;
 *   <li>GetItem for one full primary key, BatchGetItem for up to
 *   {@link DynamoDbReadOptions#maxBatchKeys} of them;
 *   <li>a Query per partition value for up to {@link DynamoDbReadOptions#maxPartitionQueries}
 *   values, with the time range as sort-key range;
 *   <li>Queries of the day index, one per day the time range touches, when the range is
 *   bounded on both sides and touches at most {@link DynamoDbReadOptions#maxDayBuckets} days.
 *   An unbounded range (t > now - 7 days) has no last day: the index cannot serve it. The index
 *   is eventually consistent only, so a consistent read never uses it;
 *   <li>else a parallel Scan.
 * </ol>
 * Pure: the same condition and options always give the same path.
 */
final class DynamoDbAccessPathChooser {
  static final long DAY_MILLIS = 86_400_000L;

  private final DynamoDbTableLayout layout;
  private final DynamoDbReadOptions options;

  DynamoDbAccessPathChooser(DynamoDbTableLayout layout, DynamoDbReadOptions options) {
    this.layout = layout;
    this.options = options;
  }

  DynamoDbAccessPath choose(DynamoDbKeyCondition condition) {
    if (condition.times().isNone()
        || condition.partitionValues().map(List::isEmpty).orElse(false)
        || condition.suffixValues().values().stream().anyMatch(List::isEmpty)) {
      return new NoRows();
    }
    Optional<List<ItemKey>> keys = condition.fullKeys(layout, options.maxBatchKeys());
    if (keys.isPresent()) {
      return switch (keys.get().size()) {
        case 0 -> new NoRows();
        case 1 -> new GetItem(keys.get().get(0));
        default -> new BatchGetItem(keys.get());
      };
    }
    if (condition.partitionValues().isPresent()
        && condition.partitionValues().get().size() <= options.maxPartitionQueries()) {
      return new PartitionQuery(condition.partitionValues().get(),
          new SortKeyRange(condition.sortKeyFrom(), condition.sortKeyTo()));
    }
    Optional<List<DayBucket>> days = dayBuckets(condition.times());
    if (days.isPresent() && !options.consistentRead()) {
      return new DayIndexQuery(days.get());
    }
    return new ParallelScan(options.scanSegments());
  }

  /**
   * The days (UTC) the times touch, each with the sort-key range of the times within it; empty
   * when the times are unbounded, outside the sortable years, or touch too many days.
   */
  private Optional<List<DayBucket>> dayBuckets(TimeRangeSet times) {
    TimeSlice span = times.span();
    if (!span.hasLowerBound() || !span.hasUpperBound()
        || span.fromInclusive() < DynamoDbKeyCondition.FIRST_SORTABLE
        || span.toExclusive() - 1 > DynamoDbKeyCondition.LAST_SORTABLE) {
      return Optional.empty();
    }
    long firstDay = Math.floorDiv(span.fromInclusive(), DAY_MILLIS);
    long lastDay = Math.floorDiv(span.toExclusive() - 1, DAY_MILLIS);
    if (lastDay - firstDay + 1 > options.maxDayBuckets()) {
      return Optional.empty();
    }
    List<DayBucket> buckets = new ArrayList<>();
    for (long day = firstDay; day <= lastDay; day++) {
      TimeRangeSet within = times.intersect(TimeRangeSet.of(day * DAY_MILLIS,
          (day + 1) * DAY_MILLIS));
      if (within.isNone()) {
        continue; // a gap between the times' slices: nothing to read that day
      }
      TimeSlice clipped = within.span();
      buckets.add(new DayBucket(DynamoDbItemCodec.day(day * DAY_MILLIS), new SortKeyRange(
          DynamoDbKeyCondition.sortKeyFrom(clipped), DynamoDbKeyCondition.sortKeyTo(clipped))));
    }
    return Optional.of(buckets);
  }
}
