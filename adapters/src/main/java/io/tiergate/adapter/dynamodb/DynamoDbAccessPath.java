package io.tiergate.adapter.dynamodb;

import io.tiergate.adapter.dynamodb.DynamoDbKeyCondition.ItemKey;
import java.util.List;
import java.util.Optional;

/**
 * How a scan reads the hot table, as {@link DynamoDbAccessPathChooser} chose it from the
 * filters. Every path reads a superset of the rows the filters select; Calcite filters after.
 */
sealed interface DynamoDbAccessPath {
  /** No row can match (an empty time range, contradicting key values): no request at all. */
  record NoRows() implements DynamoDbAccessPath {
  }

  /** One item by its full primary key. */
  record GetItem(ItemKey key) implements DynamoDbAccessPath {
  }

  /** Several items by full primary key, in batches of at most 100 keys. */
  record BatchGetItem(List<ItemKey> keys) implements DynamoDbAccessPath {
    public BatchGetItem {
      keys = List.copyOf(keys);
    }
  }

  /** One Query per partition value, each with the same sort-key range. */
  record PartitionQuery(List<String> partitionValues, SortKeyRange range)
      implements DynamoDbAccessPath {
    public PartitionQuery {
      partitionValues = List.copyOf(partitionValues);
    }
  }

  /** One Query of the day index per day bucket, with the sort-key range clipped to the day. */
  record DayIndexQuery(List<DayBucket> days) implements DynamoDbAccessPath {
    public DayIndexQuery {
      days = List.copyOf(days);
    }
  }

  /** A Scan of the whole table in {@code segments} segments read concurrently. */
  record ParallelScan(int segments) implements DynamoDbAccessPath {
  }

  /**
   * A sort-key range, both ends inclusive (see {@link DynamoDbKeyCondition#sortKeyTo}); an
   * empty end is unbounded.
   */
  record SortKeyRange(Optional<String> from, Optional<String> to) {
    static final SortKeyRange ALL = new SortKeyRange(Optional.empty(), Optional.empty());
  }

  /** One day of the day index ({@code uuuu-MM-dd}) and the sort keys to read in it. */
  record DayBucket(String day, SortKeyRange range) {
  }
}
