package io.tiergate.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiergate.planner.catalog.ColumnSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * LIMIT pushed into DynamoDB Local: the plan (DynamoDbLimit), the recorded requests (their
 * {@code Limit}, how many pages), and rows equal to the SQL's over the rows written.
 */
class DynamoDbLimitLocalTest {
  static final DynamoDbTableLayout LAYOUT = new DynamoDbTableLayout("events_limits",
      "tenant_id", "event_time", List.of("tenant_id", "event_id"), List.of(
          new ColumnSpec("tenant_id", SqlTypeName.VARCHAR),
          new ColumnSpec("event_id", SqlTypeName.VARCHAR),
          new ColumnSpec("event_time", SqlTypeName.TIMESTAMP),
          new ColumnSpec("hits", SqlTypeName.BIGINT)));
  static final long T0 = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
  static final int PER_TENANT = 40;

  /** Tenant, id, time, hits, as written. */
  record Row(String tenant, String id, long time, long hits) {
    String key() {
      return tenant + "/" + id + "/" + time;
    }
  }

  static final List<Row> ROWS = new ArrayList<>();
  static final RecordingInterceptor RECORDER = new RecordingInterceptor();
  static DynamoDbClient client;
  static Connection connection;

  @BeforeAll static void writeTheRows() throws SQLException {
    LocalDynamoDb local = LocalDynamoDb.get();
    try (DynamoDbClient writer = local.client()) {
      new DynamoDbTableCreator(writer).createIfMissing(LAYOUT);
      DynamoDbItemCodec codec = new DynamoDbItemCodec(LAYOUT);
      for (String tenant : List.of("a", "b", "c")) {
        // Written newest first, so that time order is not the order written; two ids share
        // each minute, ordered by id within it (the sort key is time#id).
        for (int k = PER_TENANT - 1; k >= 0; k--) {
          Row row = new Row(tenant, "e" + (k % 2), T0 + (k / 2) * 60_000L, k);
          ROWS.add(row);
          writer.putItem(b -> b.tableName(LAYOUT.tableName()).item(codec.toItem(new Object[] {
              row.tenant(), row.id(), row.time(), row.hits()})));
        }
      }
    }
    client = local.client(RECORDER);
    Properties p = new Properties();
    p.setProperty("caseSensitive", "false");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("timeZone", "UTC");
    connection = DriverManager.getConnection("jdbc:calcite:", p);
    connection.unwrap(CalciteConnection.class).getRootSchema()
        .add("events", new DynamoDbTable(client, LAYOUT));
  }

  @AfterAll static void close() throws SQLException {
    connection.close();
    client.close();
  }

  @BeforeEach void forgetRequests() {
    RECORDER.clear();
  }

  private static final String SELECT = "SELECT tenant_id, event_id, event_time FROM events ";

  /** The keys of the rows returned, in the order returned. */
  private static List<String> keys(String sql) throws SQLException {
    List<String> keys = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        keys.add(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getTimestamp(3,
            java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC"))).getTime());
      }
    }
    return keys;
  }

  private static String explain(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** The rows the filter selects in sort-key order (time, then id), from offset, at most n. */
  private static List<String> firstInTimeOrder(Predicate<Row> filter, int offset, int n) {
    return ROWS.stream().filter(filter)
        .sorted(Comparator.comparingLong(Row::time).thenComparing(Row::id))
        .skip(offset).limit(n).map(Row::key).toList();
  }

  private static List<QueryRequest> queries() {
    assertThat(RECORDER.requests()).allMatch(QueryRequest.class::isInstance);
    return RECORDER.requests().stream().map(QueryRequest.class::cast).toList();
  }

  @Test void aTopNOfOnePartitionInTimeOrderIsOneQueryPageOfLimitN() throws SQLException {
    String sql = SELECT + "WHERE tenant_id = 'b' ORDER BY event_time LIMIT 5";
    assertThat(explain(sql)).contains("DynamoDbLimit(fetch=[5], order=[time])")
        .contains("DynamoDbToEnumerableConverter").doesNotContain("EnumerableLimit")
        .doesNotContain("EnumerableSort");
    RECORDER.clear();
    assertThat(keys(sql)).isEqualTo(firstInTimeOrder(r -> r.tenant().equals("b"), 0, 5));
    // The first page held the 5 rows: the reader asked for no second one.
    assertThat(queries()).hasSize(1).first().satisfies(q -> {
      assertThat(q.limit()).isEqualTo(5);
      assertThat(q.keyConditionExpression()).isEqualTo("#pk = :pk");
      assertThat(q.filterExpression()).isNull();
    });
  }

  @Test void anOffsetIsReadAndSkipped() throws SQLException {
    assertThat(keys(SELECT + "WHERE tenant_id = 'c' ORDER BY event_time LIMIT 4 OFFSET 3"))
        .isEqualTo(firstInTimeOrder(r -> r.tenant().equals("c"), 3, 4));
    assertThat(queries()).hasSize(1).allSatisfy(q -> assertThat(q.limit()).isEqualTo(7));
  }

  @Test void aFilterThatRejectsMostItemsPagesOnUntilItHasTheRows() throws SQLException {
    // Of tenant a's 40 items, hits >= 36 keeps the last 4; DynamoDB's Limit counts the items
    // it evaluates before the FilterExpression, so pages of 3 items hold few rows or none.
    String sql = SELECT + "WHERE tenant_id = 'a' AND hits >= 36 ORDER BY event_time LIMIT 3";
    assertThat(explain(sql)).contains("DynamoDbLimit(fetch=[3], order=[time])");
    RECORDER.clear();
    assertThat(keys(sql)).hasSize(3)
        .isEqualTo(firstInTimeOrder(r -> r.tenant().equals("a") && r.hits() >= 36, 0, 3));
    List<QueryRequest> pages = queries();
    assertThat(pages).allSatisfy(q -> {
      assertThat(q.limit()).isEqualTo(3);
      assertThat(q.filterExpression()).isEqualTo("#c3 >= :f0");
    });
    // Items 36..38 (the 3rd row) are on page 13 of 3 items each; page 14 is never asked for.
    assertThat(pages).hasSize(13);
  }

  @Test void aFilterDynamoDbCannotExpressStillYieldsNRows() throws SQLException {
    // MOD is no FilterExpression: DynamoDB returns every item, the reader keeps 1 in 10.
    assertThat(keys(SELECT + "WHERE tenant_id = 'a' AND MOD(hits, 10) = 0"
        + " ORDER BY event_time LIMIT 3"))
        .isEqualTo(firstInTimeOrder(r -> r.tenant().equals("a") && r.hits() % 10 == 0, 0, 3));
    assertThat(queries()).allSatisfy(q -> {
      assertThat(q.limit()).isEqualTo(3);
      assertThat(q.filterExpression()).isNull();
    });
  }

  @Test void aLimitWithoutOrderLimitsEveryScanPage() throws SQLException {
    String sql = SELECT + "WHERE hits >= 10 LIMIT 7";
    assertThat(explain(sql)).contains("DynamoDbLimit(fetch=[7])");
    RECORDER.clear();
    List<String> rows = keys(sql);
    assertThat(rows).hasSize(7).doesNotHaveDuplicates()
        .isSubsetOf(ROWS.stream().filter(r -> r.hits() >= 10).map(Row::key).toList());
    assertThat(RECORDER.requests()).isNotEmpty().allSatisfy(r -> {
      assertThat(r).isInstanceOf(ScanRequest.class);
      assertThat(((ScanRequest) r).limit()).isEqualTo(7);
    });
  }

  @Test void anOrderDynamoDbDoesNotYieldStaysInTheGateway() throws SQLException {
    String descending = SELECT + "WHERE tenant_id = 'b' ORDER BY event_time DESC LIMIT 2";
    assertThat(explain(descending)).doesNotContain("DynamoDbLimit");
    RECORDER.clear();
    assertThat(keys(descending)).containsExactlyInAnyOrder("b/e1/" + (T0 + 19 * 60_000L),
        "b/e0/" + (T0 + 19 * 60_000L));
    assertThat(queries()).allSatisfy(q -> assertThat(q.limit()).isNull());
    // Across partitions no Query order helps: a Scan, sorted and cut in the gateway.
    String across = SELECT + "ORDER BY event_time LIMIT 4";
    assertThat(explain(across)).doesNotContain("DynamoDbLimit");
    assertThat(keys(across)).hasSize(4).allMatch(k -> k.endsWith("/" + T0));
  }

  @Test void aDescendingTopNWithABoundTimeIsSortedInTheGateway() throws SQLException {
    // Found by the differential suite: a bind value in the filter, a DESC top-N above it.
    try (java.sql.PreparedStatement ps = connection.prepareStatement("SELECT * FROM events"
        + " WHERE event_time < ? ORDER BY event_time DESC, event_id LIMIT 5")) {
      ps.setTimestamp(1, new java.sql.Timestamp(T0 + 60_000L + 1),
          java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC")));
      List<String> keys = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          keys.add(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getTimestamp(3,
              java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC"))).getTime());
        }
      }
      // Ties in time ordered by id: the three e0s (in any order), then two e1s.
      assertThat(keys.subList(0, 3)).containsExactlyInAnyOrder("a/e0/" + (T0 + 60_000L),
          "b/e0/" + (T0 + 60_000L), "c/e0/" + (T0 + 60_000L));
      assertThat(keys.subList(3, 5)).allMatch(k -> k.endsWith("/e1/" + (T0 + 60_000L)));
    }
  }

  @Test void oneColumnRowsMeetAJdbcLikeUnionAndAnAggregate() throws SQLException {
    // Found by the differential suite: a one-column row is its value, not a one-element array.
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events WHERE hits >"
             + " (SELECT AVG(hits) FROM events WHERE tenant_id = 'a')")) {
      rs.next();
      double average = ROWS.stream().filter(r -> r.tenant().equals("a"))
          .mapToLong(Row::hits).average().orElseThrow();
      assertThat(rs.getLong(1)).isEqualTo(ROWS.stream().filter(r -> r.hits() > average).count());
    }
    List<String> ids = new ArrayList<>();
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("SELECT event_id FROM events WHERE tenant_id = 'a'"
             + " EXCEPT SELECT event_id FROM events WHERE hits < 1")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    assertThat(ids).containsExactly("e1");
  }

  @Test void pushedAndNotPushedGiveTheSameRows() throws SQLException {
    // The LIMIT over a subquery with a gateway-only expression in its ORDER BY is not pushed.
    for (String tenant : List.of("a", "b", "c")) {
      assertThat(keys(SELECT + "WHERE tenant_id = '" + tenant + "'"
          + " ORDER BY event_time, event_id LIMIT 9"))
          .isEqualTo(keys(SELECT + "WHERE tenant_id = '" + tenant + "'"
              + " ORDER BY event_time LIMIT 9"));
    }
  }
}
