package io.tiergate.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class DynamoDbLocalStandInTest {

  @Test
  void putThenGetAnItemAndTheChildJvmIsGoneAfterClose() {
    long pid;
    try (DynamoDbLocalStandIn dynamoDb = DynamoDbLocalStandIn.start(TestDirs.of("dynamodb"));
         DynamoDbClient client = dynamoDb.client()) {
      pid = dynamoDb.pid();
      client.createTable(b -> b.tableName("orders")
          .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
          .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
          .billingMode(BillingMode.PAY_PER_REQUEST));
      client.putItem(b -> b.tableName("orders").item(Map.of(
          "id", AttributeValue.fromS("o-1"),
          "amount", AttributeValue.fromN("42"))));

      Map<String, AttributeValue> item = client.getItem(b -> b.tableName("orders")
          .key(Map.of("id", AttributeValue.fromS("o-1")))
          .consistentRead(true)).item();

      assertThat(item).containsEntry("amount", AttributeValue.fromN("42"));
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
    }
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEqualTo(Optional.empty());
  }
}
