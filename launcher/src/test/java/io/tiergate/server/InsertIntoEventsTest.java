package io.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tiergate.adapter.StoreRequests;
import io.tiergate.adapter.dynamodb.DynamoDbClientFactory;
import io.tiergate.planner.manifest.SqlTimestamp;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code INSERT INTO events} through the driver writes to DynamoDB, and the rows are then read
 * back through the tiered table like any other; what does not belong to the hot slice, or
 * exists already, is refused with nothing written.
 */
@ExtendWith(TestGateway.Extension.class)
class InsertIntoEventsTest {
  private static final String TENANT = "tenant-insert-test";
  private static final String COLUMNS =
      "(tenant_id, event_id, event_time, kind, amount, user_id, region)";

  private TestGateway gateway;

  /** The shared demo data must look untouched to the other test classes. */
  @AfterEach void deleteInsertedRows() {
    if (gateway == null) {
      return;
    }
    try (DynamoDbClient dynamo = DynamoDbClientFactory.create(gateway.stack().dynamoDbEndpoint(),
        "us-east-1", "local", "local", new StoreRequests(new SimpleMeterRegistry()), "test")) {
      dynamo.queryPaginator(b -> b.tableName("events").keyConditionExpression("tenant_id = :t")
          .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(TENANT)))).items()
          .forEach(item -> dynamo.deleteItem(b -> b.tableName("events").key(Map.of(
              "tenant_id", item.get("tenant_id"), "sort_key", item.get("sort_key")))));
    }
  }

  private static long count(Connection c) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT COUNT(*) FROM events WHERE tenant_id = '" + TENANT + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test void insertedRowsAreReadBackThroughTheTieredTable(TestGateway tg) throws Exception {
    gateway = tg;
    long hour = System.currentTimeMillis() / 3_600_000L * 3_600_000L - 3_600_000L;
    String t1 = SqlTimestamp.format(hour);
    String t2 = SqlTimestamp.format(hour + 1_000) + ".234"; // milliseconds survive the trip
    double dynamoBefore = tg.storeRequests("dynamodb");
    try (Connection c = tg.connect(); Statement s = c.createStatement()) {
      assertThat(s.executeUpdate("INSERT INTO events " + COLUMNS + " VALUES "
          + "('" + TENANT + "', 'ins-1', TIMESTAMP '" + t1 + "', 'purchase', 12.5, 'u-1', 'eu'),"
          + "('" + TENANT + "', 'ins-2', TIMESTAMP '" + t2 + "', 'refund', -3.0, 'u-2', NULL)"))
          .isEqualTo(2);
      assertThat(tg.storeRequests("dynamodb") - dynamoBefore).as("one transaction")
          .isEqualTo(1);
      try (ResultSet rs = s.executeQuery("SELECT event_id, event_time, kind, amount, region "
          + "FROM events WHERE tenant_id = '" + TENANT + "' ORDER BY event_time")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("ins-1");
        assertThat(rs.getTimestamp(2).getTime()).isEqualTo(hour);
        assertThat(rs.getString(3)).isEqualTo("purchase");
        assertThat(rs.getDouble(4)).isEqualTo(12.5);
        assertThat(rs.getString(5)).isEqualTo("eu");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("ins-2");
        assertThat(rs.getTimestamp(2).getTime()).isEqualTo(hour + 1_234);
        assertThat(rs.getString(5)).isNull();
        assertThat(rs.next()).isFalse();
      }

      // The same key again: refused, and the batch's other row is not written either.
      assertThatThrownBy(() -> s.executeUpdate("INSERT INTO events " + COLUMNS + " VALUES "
          + "('" + TENANT + "', 'ins-3', TIMESTAMP '" + t1 + "', 'view', 1.0, 'u-3', 'us'),"
          + "('" + TENANT + "', 'ins-1', TIMESTAMP '" + t1 + "', 'view', 1.0, 'u-1', 'eu')"))
          .hasMessageContaining("a row with the key (tenant_id='" + TENANT
              + "', event_id='ins-1', event_time=" + t1 + ") already exists. Nothing was written");
      assertThat(count(c)).isEqualTo(2);
    }
  }

  @Test void aRowOlderThanTheHotSliceIsRefusedNamingTheBoundary(TestGateway tg)
      throws Exception {
    gateway = tg;
    long hotFloor = tg.gateway().catalog().manifests().current("events").hotFloor();
    try (Connection c = tg.connect(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("INSERT INTO events " + COLUMNS + " VALUES "
          + "('" + TENANT + "', 'new', CURRENT_TIMESTAMP, 'view', 1.0, 'u', 'eu'),"
          + "('" + TENANT + "', 'old', TIMESTAMP '" + SqlTimestamp.format(hotFloor - 1_000)
          + "', 'view', 1.0, 'u', 'eu')"))
          .hasMessageContaining("is older than the hot tier, which starts at "
              + SqlTimestamp.format(hotFloor))
          .hasMessageContaining("Nothing was written");
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM events WHERE tenant_id = 'x'"))
          .hasMessageContaining("DELETE on tiered table 'events' is not supported");
      assertThat(count(c)).isZero();
    }
  }

  @Test void batchedInsertsThroughAPreparedStatement(TestGateway tg) throws Exception {
    gateway = tg;
    long base = System.currentTimeMillis() - 60_000;
    try (Connection c = tg.connect(); PreparedStatement p = c.prepareStatement(
        "INSERT INTO events " + COLUMNS + " VALUES (?, ?, ?, 'view', ?, 'u', 'eu')")) {
      for (int i = 0; i < 120; i++) {
        p.setString(1, TENANT);
        p.setString(2, "batch-" + i);
        p.setTimestamp(3, new Timestamp(base + i));
        p.setDouble(4, i);
        p.addBatch();
      }
      int[] counts = p.executeBatch();
      assertThat(counts).hasSize(120).containsOnly(1);
      assertThat(count(c)).isEqualTo(120);
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT SUM(amount) FROM events WHERE tenant_id = '" + TENANT + "'")) {
        rs.next();
        assertThat(rs.getDouble(1)).isEqualTo(119 * 120 / 2.0);
      }
    }
  }
}
