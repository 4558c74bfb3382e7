package io.tiergate.adapter.dynamodb;

/**
 * How the hot table is read.
 *
 * @param consistentRead strongly consistent reads (GetItem, BatchGetItem, Query, Scan); the
 *     day index cannot serve them, so time ranges across partitions then Scan
 * @param maxDayBuckets the most days a time range may touch to be read through the day index
 * @param maxPartitionQueries the most partition values read as one Query each
 * @param maxBatchKeys the most full keys read by key (BatchGetItem, 100 keys per request)
 * @param scanSegments the segments of a parallel Scan, read concurrently
 */
public record DynamoDbReadOptions(boolean consistentRead, int maxDayBuckets,
    int maxPartitionQueries, int maxBatchKeys, int scanSegments) {
  public static final DynamoDbReadOptions DEFAULTS = new DynamoDbReadOptions(false, 7, 16,
      1000, 4);

  public DynamoDbReadOptions {
    require(maxDayBuckets >= 0, "max-day-buckets", maxDayBuckets);
    require(maxPartitionQueries >= 0, "max-partition-queries", maxPartitionQueries);
    require(maxBatchKeys >= 0, "max-batch-keys", maxBatchKeys);
    require(scanSegments >= 1 && scanSegments <= 1_000_000, "scan-segments", scanSegments);
  }

  public DynamoDbReadOptions withConsistentRead(boolean consistent) {
    return new DynamoDbReadOptions(consistent, maxDayBuckets, maxPartitionQueries, maxBatchKeys,
        scanSegments);
  }

  private static void require(boolean valid, String key, int value) {
    if (!valid) {
      throw new IllegalArgumentException("DynamoDB read option '" + key + "' cannot be " + value);
    }
  }
}
