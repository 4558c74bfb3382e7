package io.tiergate.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tiergate.adapter.StoreRequests;
import io.tiergate.adapter.redis.RedisConnector;
import io.tiergate.local.DynamoDbLocalStandIn;
import io.tiergate.local.RedisStandIn;
import io.tiergate.planner.catalog.ColumnSpec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.TimestampString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The read-through cache of hot point lookups on the real engines: DynamoDB Local (with its
 * Streams) and redis-server. Rows are changed the way ADR-002's applications change them, by
 * plain SDK calls that Tiergate never sees.
 */
class DynamoDbReadThroughCacheTest {
  static final DynamoDbTableLayout LAYOUT = new DynamoDbTableLayout("events_cached",
      "tenant_id", "event_time", List.of("tenant_id", "event_id"), List.of(
          new ColumnSpec("tenant_id", SqlTypeName.VARCHAR),
          new ColumnSpec("event_id", SqlTypeName.VARCHAR),
          new ColumnSpec("event_time", SqlTypeName.TIMESTAMP),
          new ColumnSpec("kind", SqlTypeName.VARCHAR),
          new ColumnSpec("amount", SqlTypeName.DOUBLE)));
  static final long TIME = Instant.parse("2026-11-01T10:00:00Z").toEpochMilli();
  static final String AT = "TIMESTAMP '2026-11-01 10:00:00'";
  /** A generous Redis timeout: on a busy machine a spurious one would empty the cache. */
  static final DynamoDbCacheOptions OPTIONS = new DynamoDbCacheOptions(Duration.ofMinutes(5),
      Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(1));
  /** The promised bound: a change is not served stale once this long has passed. */
  static final Duration BOUND = OPTIONS.maxStaleness();
  static final Path WORK = Path.of("target", "stand-ins", "hot-cache").toAbsolutePath();

  static DynamoDbLocalStandIn dynamoDb;
  static RedisStandIn redis;
  /** An application writing DynamoDB directly, not through Tiergate. */
  static DynamoDbClient application;
  static final DynamoDbItemCodec CODEC = new DynamoDbItemCodec(LAYOUT);
  static Gateway gateway;

  @BeforeAll static void start() {
    dynamoDb = DynamoDbLocalStandIn.start(WORK.resolve("dynamodb"));
    redis = RedisStandIn.start(WORK.resolve("redis"));
    application = dynamoDb.client();
    new DynamoDbTableCreator(application).createIfMissing(LAYOUT);
    gateway = new Gateway(redis);
  }

  @AfterAll static void stop() {
    gateway.close();
    application.close();
    redis.close();
    dynamoDb.close();
  }

  @Test void theHotTableIsCreatedAsTheAdrSays() {
    TableDescription table = application.describeTable(b -> b.tableName(LAYOUT.tableName()))
        .table();
    assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    assertThat(table.globalSecondaryIndexes()).extracting(i -> i.indexName())
        .containsExactly(DynamoDbTableLayout.DAY_INDEX);
    assertThat(table.streamSpecification().streamEnabled()).isTrue();
    assertThat(table.latestStreamArn()).isNotNull();
  }

  @Test void aRepeatedLookupIsServedFromRedisWithoutDynamoDb() throws Exception {
    put("hit", "e1", "click");
    put("hit", "e2", "view");
    // The puts' own stream records invalidate within the bound: after it, nothing more comes.
    Thread.sleep(BOUND.toMillis());
    cache("hit", "e1", "click");
    int reads = gateway.pointReads.get();
    double hits = gateway.count("hit");
    assertThat(gateway.kind("hit", "e1")).contains("click");
    assertThat(gateway.pointReads.get()).isEqualTo(reads); // no GetItem
    assertThat(gateway.count("hit")).isEqualTo(hits + 1);

    // A key that does not exist is cached as absent.
    cache("hit", "none", null);
    reads = gateway.pointReads.get();
    assertThat(gateway.kind("hit", "none")).isEmpty();
    assertThat(gateway.pointReads.get()).isEqualTo(reads);

    // BatchGetItem: the cached keys from Redis, only the other one from DynamoDB.
    gateway.pointRequests.clear();
    assertThat(gateway.kinds("SELECT event_id, kind FROM events WHERE tenant_id = 'hit'"
        + " AND event_id IN ('e1', 'e2', 'none') AND event_time = " + AT))
        .containsExactlyInAnyOrder("e1=click", "e2=view");
    assertThat(gateway.pointRequests).hasSize(1).first().isInstanceOf(GetItemRequest.class);
    assertThat(((GetItemRequest) gateway.pointRequests.get(0)).key().get("sort_key").s())
        .endsWith("#e2");
    assertThat(((GetItemRequest) gateway.pointRequests.get(0)).consistentRead()).isTrue();
  }

  @Test void explainSaysALookupReadsThroughTheCacheAndARangeDoesNot() {
    JavaTypeFactoryImpl types = new JavaTypeFactoryImpl();
    RexBuilder rex = new RexBuilder(types);
    List<RexNode> column = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      column.add(rex.makeInputRef(LAYOUT.columns().get(i).toRelType(types), i));
    }
    RexNode tenant = rex.makeCall(SqlStdOperatorTable.EQUALS, column.get(0),
        rex.makeLiteral("x"));
    List<RexNode> fullKey = List.of(tenant,
        rex.makeCall(SqlStdOperatorTable.EQUALS, column.get(1), rex.makeLiteral("e1")),
        rex.makeCall(SqlStdOperatorTable.EQUALS, column.get(2),
            rex.makeTimestampLiteral(new TimestampString("2026-11-01 10:00:00"), 3)));
    assertThat(gateway.table.nativeRequest(fullKey, new int[] {3}))
        .startsWith("read-through cache (Redis, ttl PT5M, max staleness PT2S), on a miss"
            + " GetItem: GetItemRequest(TableName=events_cached, ");
    assertThat(gateway.table.nativeRequest(List.of(tenant), new int[] {3}))
        .startsWith("Query: QueryRequest(");
  }

  @Test void aPutItemByTheSdkIsNotServedStalePastTheBound() throws Exception {
    put("sdk", "e1", "click");
    cache("sdk", "e1", "click");
    long written = System.nanoTime();
    put("sdk", "e1", "refund");
    awaitWithinBound("sdk", "e1", Optional.of("refund"), written);
    cache("sdk", "e1", "refund"); // and the new value is cached again
  }

  @Test void aDeleteByTheSdkIsNotServedStalePastTheBound() throws Exception {
    put("gone", "e1", "click");
    cache("gone", "e1", "click");
    long written = System.nanoTime();
    application.deleteItem(b -> b.tableName(LAYOUT.tableName())
        .key(DynamoDbRequests.key(LAYOUT, new DynamoDbKeyCondition.ItemKey("gone", TIME,
            List.of("e1")))));
    awaitWithinBound("gone", "e1", Optional.empty(), written);
  }

  @Test void aNewItemCachedAsAbsentIsSeenWithinTheBound() throws Exception {
    cache("new", "e1", null); // the absence is cached
    long written = System.nanoTime();
    put("new", "e1", "view");
    awaitWithinBound("new", "e1", Optional.of("view"), written);
  }

  @Test void anInsertThroughTiergateIsSeenAtOnce() throws SQLException {
    cache("ins", "e1", null); // cached as absent
    gateway.writer.insert(List.<Object[]>of(new Object[] {"ins", "e1", TIME, "buy", 2.5}));
    assertThat(gateway.kind("ins", "e1")).contains("buy");
  }

  @Test void aReaderBackWithAnOldValueAfterAnInvalidationFillsNothing() {
    RedisItemCache cache = gateway.cache;
    String key = cache.key("race", "k1");
    long seenAt = System.nanoTime();
    List<String> seen = cache.get(List.of(key)).orElseThrow();
    assertThat(seen).containsExactly((String) null);
    // A concurrent change's invalidation lands between the reader's DynamoDB read and its fill.
    cache.invalidate("race", List.of("k1"));
    cache.fill(List.of(key), seen, List.of(RedisItemCache.ITEM + "{}"), seenAt).join();
    assertThat(gateway.redisValue(key)).startsWith(RedisItemCache.TOMBSTONE);
    // A reader that saw the tombstone read DynamoDB after the change: it fills.
    List<String> afterwards = cache.get(List.of(key)).orElseThrow();
    cache.fill(List.of(key), afterwards, List.of(RedisItemCache.ITEM + "{}"), System.nanoTime())
        .join();
    assertThat(gateway.redisValue(key)).isEqualTo(RedisItemCache.ITEM + "{}");
  }

  @Test void whileRedisHangsLookupsBypassItAndNoEntryFromBeforeIsServedAfterwards()
      throws Exception {
    put("pause", "e1", "click");
    put("pause", "same", "view");
    cache("pause", "e1", "click");
    cache("pause", "same", "view");
    double bypasses = gateway.count("bypass");
    gateway.pauseRedis(Duration.ofSeconds(3));
    assertThat(gateway.kind("pause", "e1")).contains("click"); // times out, reads DynamoDB
    assertThat(gateway.count("bypass")).isEqualTo(bypasses + 1);
    long written = System.nanoTime();
    put("pause", "e1", "refund"); // its invalidation cannot be delivered now
    awaitWithinBound("pause", "e1", Optional.of("refund"), written);
    // Once Redis answers again, nothing cached before the outage is served: the first lookup
    // of an unchanged item that reaches Redis again is a miss, not a hit.
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      assertThat(System.nanoTime()).as("the cache serves again").isLessThan(deadline);
      double bypassed = gateway.count("bypass");
      double hits = gateway.count("hit");
      assertThat(gateway.kind("pause", "same")).contains("view");
      if (gateway.count("bypass") == bypassed) {
        assertThat(gateway.count("hit")).isEqualTo(hits);
        break;
      }
      assertThat(gateway.kind("pause", "e1")).contains("refund");
      Thread.sleep(50);
    }
    cache("pause", "e1", "refund");
  }

  @Test void whileRedisIsDownLookupsAreAnsweredFromDynamoDbAndAfterItReturnsFromRedis()
      throws Exception {
    RedisStandIn own = RedisStandIn.start(WORK.resolve("redis-down"));
    int port = own.port();
    try (Gateway g = new Gateway(own)) {
      put("down", "e1", "click");
      cache(g, "down", "e1", "click"); // once its stream consumer has polled once
      own.close();
      for (int i = 0; i < 20; i++) {
        assertThat(g.kind("down", "e1")).contains("click");
      }
      put("down", "e1", "refund");
      assertThat(g.kind("down", "e1")).contains("refund");
      assertThat(g.count("bypass")).isGreaterThanOrEqualTo(21);
      own = RedisStandIn.start(WORK.resolve("redis-down"), port);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      double hits = g.count("hit");
      while (g.count("hit") == hits) { // Lettuce reconnects with a backoff
        assertThat(System.nanoTime()).as("the cache serves again").isLessThan(deadline);
        assertThat(g.kind("down", "e1")).contains("refund");
        Thread.sleep(50);
      }
      assertThat(g.kind("down", "e1")).contains("refund");
    } finally {
      own.close();
    }
  }

  @Test void aTableWithoutAStreamIsRefusedByName() {
    DynamoDbTableLayout plain = new DynamoDbTableLayout("events_no_stream", "tenant_id",
        "event_time", LAYOUT.keyColumns(), LAYOUT.columns());
    application.createTable(b -> b.tableName(plain.tableName())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(a -> a.attributeName("tenant_id").attributeType("S"),
            a -> a.attributeName("sort_key").attributeType("S"))
        .keySchema(k -> k.attributeName("tenant_id").keyType("HASH"),
            k -> k.attributeName("sort_key").keyType("RANGE")));
    assertThatThrownBy(() -> DynamoDbReadThroughCache.start(application, gateway.streams,
        gateway.cache, plain, new SimpleMeterRegistry()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("DynamoDB table 'events_no_stream' has no stream");
  }

  // ---------------------------------------------------------------------------------------

  private static void put(String tenant, String id, String kind) {
    application.putItem(b -> b.tableName(LAYOUT.tableName())
        .item(CODEC.toItem(new Object[] {tenant, id, TIME, kind, 1.5})));
  }

  /** Looks up until the gateway serves {@code kind} (null: no row) from Redis. */
  private static void cache(String tenant, String id, String kind) throws SQLException {
    cache(gateway, tenant, id, kind);
  }

  private static void cache(Gateway g, String tenant, String id, String kind)
      throws SQLException {
    // Liveness, not the bound: on a busy machine a poll can outlast the freshness window, and
    // the cache is then bypassed (correct, not cached) until one completes in time.
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    double hits;
    do {
      assertThat(System.nanoTime()).as("served from Redis").isLessThan(deadline);
      hits = g.count("hit");
      assertThat(g.kind(tenant, id)).isEqualTo(Optional.ofNullable(kind));
    } while (g.count("hit") == hits);
  }

  /**
   * Looks up until {@code expected} is answered. A lookup that starts later than the bound after
   * the write started and still answers something else fails the test.
   */
  private static void awaitWithinBound(String tenant, String id, Optional<String> expected,
      long writtenNanos) throws Exception {
    long deadline = writtenNanos + BOUND.toNanos();
    while (true) {
      long asked = System.nanoTime();
      Optional<String> seen = gateway.kind(tenant, id);
      if (seen.equals(expected)) {
        return;
      }
      assertThat(asked).as("%s/%s still answered %s %d ms after the write; the bound is %s",
          tenant, id, seen, (asked - writtenNanos) / 1_000_000, BOUND).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  /** One gateway's worth of the cache: its Redis connection, the table, a writer. */
  static final class Gateway implements AutoCloseable {
    final MeterRegistry registry = new SimpleMeterRegistry();
    final AtomicInteger pointReads = new AtomicInteger();
    final List<Object> pointRequests = Collections.synchronizedList(new ArrayList<>());
    final RedisStandIn redis;
    final RedisConnector connector;
    final RedisItemCache cache;
    final DynamoDbClient dynamo;
    final DynamoDbStreamsClient streams;
    final DynamoDbReadThroughCache readThrough;
    final DynamoDbTable table;
    final DynamoDbRowWriter writer;
    final Connection connection;
    final RedisClient rawClient = RedisClient.create();

    Gateway(RedisStandIn redis) {
      this.redis = redis;
      StoreRequests requests = new StoreRequests(registry);
      connector = new RedisConnector(redis.host(), redis.port(), requests);
      cache = new RedisItemCache(connector, OPTIONS);
      dynamo = DynamoDbClient.builder()
          .endpointOverride(dynamoDb.endpoint())
          .region(DynamoDbLocalStandIn.REGION)
          .credentialsProvider(() -> AwsBasicCredentials.create("local", "local"))
          .httpClientBuilder(ApacheHttpClient.builder())
          .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
            @Override public void beforeExecution(Context.BeforeExecution context,
                ExecutionAttributes attributes) {
              if (context.request() instanceof GetItemRequest
                  || context.request() instanceof BatchGetItemRequest) {
                pointReads.incrementAndGet();
                pointRequests.add(context.request());
              }
            }
          }))
          .build();
      streams = DynamoDbClientFactory.createStreams(dynamoDb.endpoint(), "us-east-1", "local",
          "local", requests, "dynamodb-streams");
      readThrough = DynamoDbReadThroughCache.start(dynamo, streams, cache, LAYOUT, registry);
      table = new DynamoDbTable(dynamo, LAYOUT, DynamoDbReadOptions.DEFAULTS, readThrough);
      writer = new DynamoDbRowWriter(dynamo, LAYOUT, readThrough);
      try {
        Properties p = new Properties();
        p.setProperty("caseSensitive", "false");
        p.setProperty("unquotedCasing", "UNCHANGED");
        p.setProperty("timeZone", "UTC");
        connection = DriverManager.getConnection("jdbc:calcite:", p);
        connection.unwrap(CalciteConnection.class).getRootSchema().add("events", table);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    double count(String result) {
      return registry.get(DynamoDbReadThroughCache.METER).tag("table", LAYOUT.tableName())
          .tag("result", result).counter().count();
    }

    Optional<String> kind(String tenant, String id) throws SQLException {
      List<String> kinds = kinds("SELECT event_id, kind FROM events WHERE tenant_id = '"
          + tenant + "' AND event_id = '" + id + "' AND event_time = " + AT);
      assertThat(kinds).hasSizeLessThanOrEqualTo(1);
      return kinds.stream().findFirst().map(k -> k.substring(k.indexOf('=') + 1));
    }

    List<String> kinds(String sql) throws SQLException {
      List<String> kinds = new ArrayList<>();
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          kinds.add(rs.getString(1) + "=" + rs.getString(2));
        }
      }
      return kinds;
    }

    /** Every command of every client waits this long, as a Redis that hangs. */
    void pauseRedis(Duration pause) {
      try (var raw = rawConnection()) {
        raw.sync().clientPause(pause.toMillis());
      }
    }

    String redisValue(String key) {
      try (var raw = rawConnection()) {
        return raw.sync().get(key);
      }
    }

    /** A connection of a client of its own, as a tool an operator would use. */
    private StatefulRedisConnection<String, String> rawConnection() {
      return rawClient.connect(redis.uri());
    }

    @Override public void close() {
      rawClient.shutdown();
      readThrough.close();
      streams.close();
      dynamo.close();
      connector.close();
      try {
        connection.close();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
