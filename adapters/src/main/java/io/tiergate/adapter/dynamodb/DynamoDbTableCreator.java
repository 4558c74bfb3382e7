package io.tiergate.adapter.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Creates a hot table the way ADR-002 sets up its hot tier: on-demand billing, the day index
 * for time ranges across partitions, and a stream for change capture.
 */
public final class DynamoDbTableCreator {
  private final DynamoDbClient client;

  public DynamoDbTableCreator(DynamoDbClient client) {
    this.client = client;
  }

  public void createIfMissing(DynamoDbTableLayout layout) {
    createIfMissing(layout, true);
  }

  /**
   * @param changeStream whether the table has its stream: off only where nothing reads it
   *     (a benchmark of bulk writes: DynamoDB Local writes every stream record in its one
   *     SQLite thread, at a cost that grows with the stream, which DynamoDB itself does not)
   */
  public void createIfMissing(DynamoDbTableLayout layout, boolean changeStream) {
    try {
      client.createTable(b -> b.tableName(layout.tableName())
          .billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(
              attribute(layout.partitionKey(), ScalarAttributeType.S),
              attribute(DynamoDbTableLayout.SORT_KEY, ScalarAttributeType.S),
              attribute(DynamoDbTableLayout.DAY_ATTRIBUTE, ScalarAttributeType.S))
          .keySchema(key(layout.partitionKey(), KeyType.HASH),
              key(DynamoDbTableLayout.SORT_KEY, KeyType.RANGE))
          .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
              .indexName(DynamoDbTableLayout.DAY_INDEX)
              .keySchema(key(DynamoDbTableLayout.DAY_ATTRIBUTE, KeyType.HASH),
                  key(DynamoDbTableLayout.SORT_KEY, KeyType.RANGE))
              .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
              .build())
          .streamSpecification(changeStream ? StreamSpecification.builder().streamEnabled(true)
              .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build()
              : StreamSpecification.builder().streamEnabled(false).build()));
      client.waiter().waitUntilTableExists(b -> b.tableName(layout.tableName()));
    } catch (ResourceInUseException alreadyThere) {
      // Created before (or by another gateway): keep it as it is.
    }
  }

  private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
    return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }
}
