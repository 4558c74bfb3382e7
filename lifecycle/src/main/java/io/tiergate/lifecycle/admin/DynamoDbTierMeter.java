package io.tiergate.lifecycle.admin;

import io.tiergate.planner.manifest.TimeSlice;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The hot tier from DescribeTable's item count and size: free, but for the whole table (rows
 * of a slice being migrated count until their DELETE step) and, on AWS, refreshed only about
 * every six hours. Counting the slice would cost a full Scan.
 */
public final class DynamoDbTierMeter implements TierMeter {
  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoDbTierMeter(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  @Override public TierUsage measure(TimeSlice slice) {
    TableDescription d = dynamo.describeTable(b -> b.tableName(table)).table();
    return new TierUsage(d.itemCount(), d.tableSizeBytes());
  }
}
