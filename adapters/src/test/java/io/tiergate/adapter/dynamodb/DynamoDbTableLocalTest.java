package io.tiergate.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiergate.planner.catalog.ColumnSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * SQL over a hot table in DynamoDB Local: each query's exact SDK requests (recorded by an
 * interceptor on the client) and its rows, against the same filter evaluated over the rows
 * written.
 */
class DynamoDbTableLocalTest {
  static final DynamoDbTableLayout LAYOUT = new DynamoDbTableLayout("events_paths", "tenant_id",
      "event_time", List.of("tenant_id", "event_id"), List.of(
          new ColumnSpec("tenant_id", SqlTypeName.VARCHAR),
          new ColumnSpec("event_id", SqlTypeName.VARCHAR),
          new ColumnSpec("event_time", SqlTypeName.TIMESTAMP),
          new ColumnSpec("kind", SqlTypeName.VARCHAR),
          new ColumnSpec("amount", SqlTypeName.DOUBLE),
          new ColumnSpec("flag", SqlTypeName.BOOLEAN),
          new ColumnSpec("hits", SqlTypeName.BIGINT)));
  static final long DAY = 86_400_000L;
  static final long T0 = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
  static final long T1 = T0 + DAY;
  static final long BATCH_TIME = Instant.parse("2026-11-01T10:00:00Z").toEpochMilli();
  static final long[] TIMES = {T0 - 1, T0, T0 + 1, BATCH_TIME, T1 - 1, T1, T1 + 1,
      Instant.parse("2026-10-31T12:00:00Z").toEpochMilli(),
      Instant.parse("2026-11-03T05:00:00Z").toEpochMilli(),
      Instant.parse("2026-11-20T05:00:00Z").toEpochMilli()};

  /** A row as written: tenant, id, time, kind, amount, flag, hits. */
  record Row(String tenant, String id, long time, String kind, Double amount, Boolean flag,
      long hits) {
  }

  static final List<Row> ROWS = new ArrayList<>();
  static final RecordingInterceptor RECORDER = new RecordingInterceptor();
  static DynamoDbClient client;
  static Connection connection;
  static Connection consistent;

  @BeforeAll static void writeTheRows() throws SQLException {
    LocalDynamoDb local = LocalDynamoDb.get();
    try (DynamoDbClient writer = local.client()) {
      new DynamoDbTableCreator(writer).createIfMissing(LAYOUT);
      DynamoDbItemCodec codec = new DynamoDbItemCodec(LAYOUT);
      int i = 0;
      for (String tenant : List.of("a", "b", "c")) {
        for (long time : TIMES) {
          int ids = time == BATCH_TIME ? 5 : 2;
          for (int id = 0; id < ids; id++, i++) {
            Row row = new Row(tenant, "e" + id, time, List.of("click", "view", "buy").get(i % 3),
                i % 5 == 0 ? null : i * 1.5, i % 2 == 0, i);
            ROWS.add(row);
            writer.putItem(b -> b.tableName(LAYOUT.tableName()).item(codec.toItem(new Object[] {
                row.tenant(), row.id(), row.time(), row.kind(), row.amount(), row.flag(),
                row.hits()})));
          }
        }
      }
      // Written by someone else: kind as a number, which a VARCHAR column reads as text.
      Map<String, AttributeValue> foreign = new java.util.HashMap<>(codec.toItem(new Object[] {
          "d", "e0", T0 + 5, null, 1.0, true, 99L}));
      foreign.put("kind", AttributeValue.fromN("5"));
      writer.putItem(b -> b.tableName(LAYOUT.tableName()).item(foreign));
      ROWS.add(new Row("d", "e0", T0 + 5, "5", 1.0, true, 99L));
    }
    client = local.client(RECORDER);
    connection = connect(DynamoDbReadOptions.DEFAULTS);
    consistent = connect(DynamoDbReadOptions.DEFAULTS.withConsistentRead(true));
  }

  private static Connection connect(DynamoDbReadOptions options) throws SQLException {
    Properties p = new Properties();
    p.setProperty("caseSensitive", "false");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("quotedCasing", "UNCHANGED");
    p.setProperty("timeZone", "UTC");
    Connection c = DriverManager.getConnection("jdbc:calcite:", p);
    c.unwrap(CalciteConnection.class).getRootSchema()
        .add("events", new DynamoDbTable(client, LAYOUT, options));
    return c;
  }

  @AfterAll static void close() throws SQLException {
    connection.close();
    consistent.close();
    client.close();
  }

  @BeforeEach void forgetRequests() {
    RECORDER.clear();
  }

  /** The tenant/id/time of each row the query returns, sorted (SELECT must list those three). */
  private static List<String> keys(Connection c, String sql, Object... parameters)
      throws SQLException {
    List<String> keys = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          keys.add(rs.getString(1) + "/" + rs.getString(2) + "/"
              + rs.getTimestamp(3, java.util.Calendar.getInstance(
                  java.util.TimeZone.getTimeZone("UTC"))).getTime());
        }
      }
    }
    keys.sort(Comparator.naturalOrder());
    return keys;
  }

  private static List<String> expected(Predicate<Row> filter) {
    return ROWS.stream().filter(filter).map(r -> r.tenant() + "/" + r.id() + "/" + r.time())
        .sorted().toList();
  }

  private static final String SELECT = "SELECT tenant_id, event_id, event_time FROM events ";

  private static <T extends SdkRequest> T only(Class<T> type) {
    assertThat(RECORDER.requests()).hasSize(1).first().isInstanceOf(type);
    return type.cast(RECORDER.requests().get(0));
  }

  @Test void aPartitionQueryReadsBothInclusiveBoundsAndNoExclusiveOne() throws SQLException {
    assertThat(keys(connection, SELECT + "WHERE tenant_id = 'a'"
        + " AND event_time >= TIMESTAMP '2026-11-01 00:00:00'"
        + " AND event_time < TIMESTAMP '2026-11-02 00:00:00'"))
        .isEqualTo(expected(r -> r.tenant().equals("a") && r.time() >= T0 && r.time() < T1))
        .contains("a/e0/" + T0, "a/e0/" + (T1 - 1)).doesNotContain("a/e0/" + T1);
    QueryRequest q = only(QueryRequest.class);
    assertThat(q.indexName()).isNull();
    assertThat(q.keyConditionExpression()).isEqualTo("#pk = :pk AND #sk BETWEEN :from AND :to");
    assertThat(q.filterExpression()).isNull();
    assertThat(q.expressionAttributeValues()).isEqualTo(Map.of(
        ":pk", AttributeValue.fromS("a"),
        ":from", AttributeValue.fromS("2026-11-01T00:00:00.000Z"),
        ":to", AttributeValue.fromS("2026-11-01T23:59:59.999Z~")));
    assertThat(q.consistentRead()).isNull();

    RECORDER.clear();
    assertThat(keys(connection, SELECT + "WHERE tenant_id = 'a'"
        + " AND event_time > TIMESTAMP '2026-11-01 00:00:00'"
        + " AND event_time <= TIMESTAMP '2026-11-02 00:00:00'"))
        .isEqualTo(expected(r -> r.tenant().equals("a") && r.time() > T0 && r.time() <= T1))
        .contains("a/e0/" + T1).doesNotContain("a/e0/" + T0);
    assertThat(only(QueryRequest.class).expressionAttributeValues()).isEqualTo(Map.of(
        ":pk", AttributeValue.fromS("a"),
        ":from", AttributeValue.fromS("2026-11-01T00:00:00.001Z"),
        ":to", AttributeValue.fromS("2026-11-02T00:00:00.000Z~")));
  }

  @Test void residualFiltersBecomeAFilterExpressionWithBindValues() throws SQLException {
    assertThat(keys(connection, SELECT + "WHERE tenant_id = ? AND hits >= ? AND kind = 'view'",
        "b", 30L)).isEqualTo(expected(r -> r.tenant().equals("b") && r.hits() >= 30
            && r.kind().equals("view"))).isNotEmpty();
    QueryRequest q = only(QueryRequest.class);
    assertThat(q.keyConditionExpression()).isEqualTo("#pk = :pk");
    assertThat(q.filterExpression()).isEqualTo(
        "#c6 >= :f0 AND (#c3 = :f1 OR NOT attribute_type(#c3, :f2))");
    assertThat(q.expressionAttributeValues()).isEqualTo(Map.of(":pk", AttributeValue.fromS("b"),
        ":f0", AttributeValue.fromN("30"), ":f1", AttributeValue.fromS("view"),
        ":f2", AttributeValue.fromS("S")));
  }

  @Test void aFullKeyIsOneGetItem() throws SQLException {
    assertThat(keys(connection, SELECT + "WHERE tenant_id = 'b' AND event_id = 'e1'"
        + " AND event_time = TIMESTAMP '2026-11-01 10:00:00'"))
        .isEqualTo(List.of("b/e1/" + BATCH_TIME));
    GetItemRequest get = only(GetItemRequest.class);
    assertThat(get.key()).isEqualTo(Map.of("tenant_id", AttributeValue.fromS("b"),
        "sort_key", AttributeValue.fromS("2026-11-01T10:00:00.000Z#e1")));
    assertThat(get.consistentRead()).isFalse();
  }

  @Test void anInListOfFullKeysIsBatchGetItemInChunksOfAHundred() throws SQLException {
    // 3 tenants x 10 times x 5 ids = 150 keys: two requests, 100 and 50 keys.
    StringBuilder times = new StringBuilder();
    for (long t : TIMES) {
      times.append(times.length() == 0 ? "" : ", ").append("TIMESTAMP '")
          .append(Instant.ofEpochMilli(t).toString().replace('T', ' ').replace("Z", ""))
          .append("'");
    }
    assertThat(keys(connection, SELECT + "WHERE tenant_id IN ('a', 'b', 'c')"
        + " AND event_id IN ('e0', 'e1', 'e2', 'e3', 'e4') AND event_time IN (" + times + ")"))
        .isEqualTo(expected(r -> !r.tenant().equals("d")));
    assertThat(RECORDER.requests()).hasSize(2).allMatch(BatchGetItemRequest.class::isInstance);
    assertThat(RECORDER.requests().stream().map(r -> ((BatchGetItemRequest) r).requestItems()
        .get(LAYOUT.tableName()).keys().size())).containsExactly(100, 50);
  }

  @Test void aDisjunctionOfFullKeysIsBatchGetItem() throws SQLException {
    assertThat(keys(connection, SELECT + "WHERE (tenant_id = 'a' AND event_id = 'e0'"
        + " AND event_time = TIMESTAMP '2026-11-01 00:00:00')"
        + " OR (tenant_id = 'c' AND event_id = 'e4' AND event_time = TIMESTAMP '2026-11-01 10:00:00')"
        + " OR (tenant_id = 'c' AND event_id = 'e9' AND event_time = TIMESTAMP '2026-11-01 10:00:00')"))
        .isEqualTo(List.of("a/e0/" + T0, "c/e4/" + BATCH_TIME));
    BatchGetItemRequest batch = only(BatchGetItemRequest.class);
    assertThat(batch.requestItems().get(LAYOUT.tableName()).keys()).containsExactlyInAnyOrder(
        Map.of("tenant_id", AttributeValue.fromS("a"),
            "sort_key", AttributeValue.fromS("2026-11-01T00:00:00.000Z#e0")),
        Map.of("tenant_id", AttributeValue.fromS("c"),
            "sort_key", AttributeValue.fromS("2026-11-01T10:00:00.000Z#e4")),
        Map.of("tenant_id", AttributeValue.fromS("c"),
            "sort_key", AttributeValue.fromS("2026-11-01T10:00:00.000Z#e9")));
  }

  /**
   * DynamoDB Local never leaves keys unprocessed, AWS does under throttling: this interceptor
   * turns the last two keys of the first BatchGetItem into unprocessed ones, as AWS would.
   */
  static final class ThrottlingOnce implements software.amazon.awssdk.core.interceptor
      .ExecutionInterceptor {
    private boolean throttled;

    @Override public software.amazon.awssdk.core.SdkResponse modifyResponse(
        software.amazon.awssdk.core.interceptor.Context.ModifyResponse context,
        software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
      if (throttled || !(context.response() instanceof
          software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse response)) {
        return context.response();
      }
      throttled = true;
      var asked = ((BatchGetItemRequest) context.request()).requestItems()
          .get(LAYOUT.tableName());
      List<Map<String, AttributeValue>> left = asked.keys().subList(asked.keys().size() - 2,
          asked.keys().size());
      // Items hold the projected attributes only: the key's event_id ends its sort key.
      List<Map<String, AttributeValue>> items = response.responses().get(LAYOUT.tableName())
          .stream().filter(item -> left.stream().noneMatch(key ->
              key.get("tenant_id").equals(item.get("tenant_id"))
                  && key.get("sort_key").s().endsWith("#" + item.get("event_id").s())))
          .toList();
      assertThat(items).hasSize(response.responses().get(LAYOUT.tableName()).size() - 2);
      return response.toBuilder()
          .responses(Map.of(LAYOUT.tableName(), items))
          .unprocessedKeys(Map.of(LAYOUT.tableName(), asked.toBuilder().keys(left).build()))
          .build();
    }
  }

  @Test void unprocessedKeysAreAskedForAgain() throws SQLException {
    RecordingInterceptor recorder = new RecordingInterceptor();
    try (DynamoDbClient throttled = LocalDynamoDb.get().client(new ThrottlingOnce(), recorder)) {
      Properties p = new Properties();
      p.setProperty("caseSensitive", "false");
      p.setProperty("unquotedCasing", "UNCHANGED");
      p.setProperty("timeZone", "UTC");
      try (Connection c = DriverManager.getConnection("jdbc:calcite:", p)) {
        c.unwrap(CalciteConnection.class).getRootSchema()
            .add("events", new DynamoDbTable(throttled, LAYOUT));
        assertThat(keys(c, SELECT + "WHERE tenant_id = 'a'"
            + " AND event_id IN ('e0', 'e1', 'e2', 'e3')"
            + " AND event_time = TIMESTAMP '2026-11-01 10:00:00'"))
            .isEqualTo(expected(r -> r.tenant().equals("a") && r.time() == BATCH_TIME
                && !r.id().equals("e4")));
      }
    }
    List<BatchGetItemRequest> batches = recorder.requests().stream()
        .map(BatchGetItemRequest.class::cast).toList();
    assertThat(batches).hasSize(2);
    assertThat(batches.get(0).requestItems().get(LAYOUT.tableName()).keys()).hasSize(4);
    assertThat(batches.get(1).requestItems().get(LAYOUT.tableName()).keys()).isEqualTo(
        batches.get(0).requestItems().get(LAYOUT.tableName()).keys().subList(2, 4));
  }

  @Test void aFewDaysAcrossTenantsAreDayIndexQueriesClippedToEachDay() throws SQLException {
    long from = Instant.parse("2026-10-31T12:00:00Z").toEpochMilli();
    assertThat(keys(connection, SELECT + "WHERE event_time >= TIMESTAMP '2026-10-31 12:00:00'"
        + " AND event_time <= TIMESTAMP '2026-11-02 00:00:00'"))
        .isEqualTo(expected(r -> r.time() >= from && r.time() <= T1))
        .contains("a/e0/" + from, "c/e1/" + T1, "d/e0/" + (T0 + 5));
    assertThat(RECORDER.requests()).hasSize(3).allMatch(QueryRequest.class::isInstance);
    List<QueryRequest> queries = RECORDER.requests().stream().map(QueryRequest.class::cast)
        .toList();
    assertThat(queries).allSatisfy(q -> {
      assertThat(q.indexName()).isEqualTo("by_day");
      assertThat(q.keyConditionExpression()).isEqualTo(
          "#day = :day AND #sk BETWEEN :from AND :to");
      assertThat(q.expressionAttributeNames()).containsEntry("#day", "event_day")
          .containsEntry("#sk", "sort_key");
    });
    assertThat(queries.stream().map(q -> q.expressionAttributeValues().get(":day").s() + " "
        + q.expressionAttributeValues().get(":from").s() + " "
        + q.expressionAttributeValues().get(":to").s())).containsExactly(
            "2026-10-31 2026-10-31T12:00:00.000Z 2026-10-31T23:59:59.999Z~",
            "2026-11-01 2026-11-01T00:00:00.000Z 2026-11-01T23:59:59.999Z~",
            "2026-11-02 2026-11-02T00:00:00.000Z 2026-11-02T00:00:00.000Z~");
  }

  @Test void anUnboundedRangeIsAParallelScanReturningEveryRowOnce() throws SQLException {
    List<String> rows = keys(connection, SELECT + "WHERE event_time > TIMESTAMP '2026-11-01 00:00:00'");
    assertThat(rows).isEqualTo(expected(r -> r.time() > T0)).doesNotHaveDuplicates();
    assertThat(RECORDER.requests()).hasSize(4).allMatch(ScanRequest.class::isInstance);
    List<ScanRequest> scans = RECORDER.requests().stream().map(ScanRequest.class::cast).toList();
    assertThat(scans.stream().map(ScanRequest::segment)).containsExactlyInAnyOrder(0, 1, 2, 3);
    assertThat(scans).allSatisfy(s -> {
      assertThat(s.totalSegments()).isEqualTo(4);
      assertThat(s.filterExpression()).isEqualTo("#sk >= :from");
      assertThat(s.expressionAttributeValues()).isEqualTo(Map.of(
          ":from", AttributeValue.fromS("2026-11-01T00:00:00.001Z")));
    });

    RECORDER.clear();
    assertThat(keys(connection, SELECT)).isEqualTo(expected(r -> true)).hasSize(ROWS.size());
  }

  @Test void aTimeOrAnotherColumnIsAScanWithOnlyWhatItCanExpress() throws SQLException {
    // Found by the differential suite: the OR's tenant side had named placeholders that the
    // request then carried unused, which DynamoDB rejects.
    assertThat(keys(connection, SELECT + "WHERE (event_time >= TIMESTAMP '2026-11-02 00:00:00'"
        + " OR kind = 'view') AND hits >= 10"))
        .isEqualTo(expected(r -> (r.time() >= T1 || r.kind().equals("view")) && r.hits() >= 10));
    assertThat(RECORDER.requests()).hasSize(4).allSatisfy(r -> {
      ScanRequest scan = (ScanRequest) r;
      assertThat(scan.filterExpression()).isEqualTo("#c6 >= :f2");
      assertThat(scan.expressionAttributeValues()).isEqualTo(Map.of(":f2",
          AttributeValue.fromN("10")));
    });
  }

  @Test void aVarcharFilterKeepsItemsOfAnotherAttributeType() throws SQLException {
    // The foreign item's kind is N 5, read as '5': the S-typed comparison alone would drop it.
    assertThat(keys(connection, SELECT + "WHERE kind = '5'"))
        .isEqualTo(List.of("d/e0/" + (T0 + 5)));
    assertThat(RECORDER.requests()).hasSize(4).allSatisfy(r -> assertThat(
        ((ScanRequest) r).filterExpression()).isEqualTo(
            "(#c3 = :f0 OR NOT attribute_type(#c3, :f1))"));
  }

  @Test void negationsAndNullsGiveTheSameRowsAsSql() throws SQLException {
    assertThat(keys(connection, SELECT + "WHERE NOT (amount > 20 OR flag)"))
        .isEqualTo(expected(r -> r.amount() != null && r.amount() <= 20 && !r.flag()));
    assertThat(keys(connection, SELECT + "WHERE amount IS NULL OR hits IN (1, 2, 3)"))
        .isEqualTo(expected(r -> r.amount() == null || r.hits() >= 1 && r.hits() <= 3));
    assertThat(keys(connection, SELECT + "WHERE amount BETWEEN 3 AND 30 AND kind <> 'buy'"))
        .isEqualTo(expected(r -> r.amount() != null && r.amount() >= 3 && r.amount() <= 30
            && !r.kind().equals("buy")));
  }

  @Test void aNumberComparedWithTheVarcharPartitionKeyIsAClearError() {
    // tenant_id = 5 is CAST(tenant_id AS INTEGER) = 5: no key, and 'a' is no number.
    assertThatThrownBy(() -> keys(connection, SELECT + "WHERE tenant_id = 5"))
        .isInstanceOf(SQLException.class)
        .hasStackTraceContaining("Column 'tenant_id' of DynamoDB table 'events_paths' is"
            + " VARCHAR, and a filter compares it with a number (as INTEGER), but it holds '")
        // Whichever tenant the parallel Scan returns first.
        .hasStackTraceContaining("', which is no number: compare it with a string,"
            + " e.g. tenant_id = '5' rather than tenant_id = 5");
    assertThat(RECORDER.requests()).allMatch(ScanRequest.class::isInstance);
  }

  @Test void aStringComparedWithTheVarcharPartitionKeyIsAQueryEvenWithNoRows()
      throws SQLException {
    assertThat(keys(connection, SELECT + "WHERE tenant_id = '5'")).isEmpty();
    assertThat(only(QueryRequest.class).expressionAttributeValues())
        .isEqualTo(Map.of(":pk", AttributeValue.fromS("5")));
  }

  @Test void aConsistentReadAsksForIt() throws SQLException {
    keys(consistent, SELECT + "WHERE tenant_id = 'a'");
    assertThat(only(QueryRequest.class).consistentRead()).isTrue();
    RECORDER.clear();
    // The day index cannot read consistently: a Scan instead.
    keys(consistent, SELECT + "WHERE event_time >= TIMESTAMP '2026-11-01 00:00:00'"
        + " AND event_time < TIMESTAMP '2026-11-02 00:00:00'");
    assertThat(RECORDER.requests()).hasSize(4).allSatisfy(r ->
        assertThat(((ScanRequest) r).consistentRead()).isTrue());
  }

  @Test void explainShowsThePathAndItsRequests() throws SQLException {
    DynamoDbTable table = new DynamoDbTable(client, LAYOUT);
    Filters f = new Filters();
    assertThat(table.nativeRequest(List.of(f.eq(f.tenant, f.text("a")), f.eq(f.eventId,
        f.text("e1")), f.eq(f.time, f.at("2026-11-01 10:00:00"))), new int[] {1}))
        .startsWith("GetItem: GetItemRequest(TableName=events_paths, Key={")
        .contains("sort_key=AttributeValue(S=2026-11-01T10:00:00.000Z#e1)");
    assertThat(table.nativeRequest(List.of(f.eq(f.tenant, f.text("a"))), new int[] {1}))
        .startsWith("Query: QueryRequest(TableName=events_paths, ")
        .contains("KeyConditionExpression=#pk = :pk");
    assertThat(table.nativeRequest(List.of(f.call(
        org.apache.calcite.sql.fun.SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, f.time,
        f.at("2026-11-01 10:00:00")), f.call(
        org.apache.calcite.sql.fun.SqlStdOperatorTable.LESS_THAN, f.time,
        f.at("2026-11-02 10:00:00"))), new int[] {1}))
        .startsWith("Query on index by_day per day (2): QueryRequest(TableName=events_paths,"
            + " IndexName=by_day, ");
    assertThat(table.nativeRequest(List.of(), new int[] {1}))
        .startsWith("parallel Scan, 4 segments: ScanRequest(TableName=events_paths,"
            + " ProjectionExpression=#c1,");
    assertThat(RECORDER.requests()).isEmpty(); // EXPLAIN sends nothing
  }

  @Test void countStarReadsTheSmallestAttributeSet() throws SQLException {
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events WHERE tenant_id = 'c'")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(expected(r -> r.tenant().equals("c")).size());
    }
    assertThat(only(QueryRequest.class).keyConditionExpression()).isEqualTo("#pk = :pk");
  }
}
