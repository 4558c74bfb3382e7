package io.tiergate.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.StorageClass;

/** All five engines through the shared LocalStack, each reached by its connection info only. */
@ExtendWith(LocalStackExtension.class)
class LocalStackTest {

  @Test
  void dynamoDb(LocalStack stack) {
    assertThat(stack.dynamoDbEndpoint().getHost()).isEqualTo("127.0.0.1");
    try (DynamoDbClient client = stack.dynamoDb().client()) {
      client.createTable(b -> b.tableName("stack_orders")
          .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
          .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
          .billingMode(BillingMode.PAY_PER_REQUEST));
      client.putItem(b -> b.tableName("stack_orders").item(Map.of("id", AttributeValue.fromS("o-1"))));

      assertThat(client.getItem(b -> b.tableName("stack_orders").key(Map.of("id", AttributeValue.fromS("o-1")))).item())
          .containsKey("id");
    }
  }

  @Test
  void redis(LocalStack stack) {
    RedisClient client = RedisClient.create(RedisURI.create(stack.redisHost(), stack.redisPort()));
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      connection.sync().set("stack:key", "value");

      assertThat(connection.sync().get("stack:key")).isEqualTo("value");
    } finally {
      client.shutdown();
    }
  }

  @Test
  void s3(LocalStack stack) {
    assertThat(stack.s3Endpoint().accessKey()).isEqualTo(S3StandIn.ACCESS_KEY);
    try (S3Client client = stack.s3().client()) {
      client.createBucket(b -> b.bucket("stack-bucket"));
      client.putObject(b -> b.bucket("stack-bucket").key("k").storageClass(StorageClass.DEEP_ARCHIVE), RequestBody.fromString("v"));

      assertThat(client.headObject(b -> b.bucket("stack-bucket").key("k")).storageClass()).isEqualTo(StorageClass.DEEP_ARCHIVE);
    }
  }

  @Test
  void postgres(LocalStack stack) throws SQLException {
    try (Connection connection = DriverManager.getConnection(stack.postgresJdbcUrl(), stack.postgresUser(), stack.postgresPassword());
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE stack_warm (id INT)");
      statement.execute("INSERT INTO stack_warm VALUES (1), (2)");
      try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM stack_warm")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(2);
      }
    }
  }

  @Test
  void trino(LocalStack stack) throws SQLException {
    try (Connection connection = DriverManager.getConnection(stack.trinoJdbcUrl(), TrinoStandIn.USER, null);
         Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  void eachEngineReportsItsStartTime(LocalStack stack) {
    assertThat(stack.startMillis()).containsOnlyKeys(
        DynamoDbLocalStandIn.ENGINE, RedisStandIn.ENGINE, S3StandIn.ENGINE, PostgresStandIn.ENGINE, TrinoStandIn.ENGINE);
  }
}
