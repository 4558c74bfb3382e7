package io.tiergate.bench;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tiergate.adapter.StoreRequests;
import io.tiergate.adapter.dynamodb.DynamoDbClientFactory;
import io.tiergate.adapter.dynamodb.DynamoDbItemCodec;
import io.tiergate.adapter.dynamodb.DynamoDbTableLayout;
import io.tiergate.local.demo.DemoDataset;
import io.tiergate.local.demo.DemoLoader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The hot tier against direct store access in the same run (ADR-002: under 10 ms):
 * <ol>
 *   <li>a point lookup of one event by its full key through the driver vs a direct SDK GetItem;
 *   <li>lookups per second through one gateway vs the direct client, same number of threads;
 *   <li>a ten-minute range of a metric series through the driver vs direct Lettuce
 *   ZRANGEBYSCORE.
 * </ol>
 * Tiergate and the direct client alternate, so both meet DynamoDB Local equally warm.
 */
public final class HotBenchmark {
  private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
  private static final int LOOKUPS = 1_000;
  private static final int THREADS = 8;
  private static final long THROUGHPUT_MILLIS = 10_000;

  private HotBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    Class.forName("io.tiergate.jdbc.Driver");
    Targets targets = new Targets();
    try (BenchGateway bench = BenchGateway.start(BenchGateway.rowsOption(args, 20_000));
        DynamoDbClient dynamo = DynamoDbClientFactory.create(bench.stack().dynamoDbEndpoint(),
            "us-east-1", "local", "local", new StoreRequests(new SimpleMeterRegistry()),
            "direct")) {
      List<Object[]> hot = hotRows(bench);
      System.out.println(bench.demo());
      pointLookups(bench, dynamo, hot, targets);
      throughput(bench, dynamo, hot, targets);
      metricRange(bench, targets);
    }
    targets.print();
    System.exit(0); // DynamoDB Local's client threads are not daemons
  }

  private static List<Object[]> hotRows(BenchGateway bench) {
    long hotFloor = bench.demo().manifest().hotFloor();
    List<Object[]> hot = new ArrayList<>();
    bench.dataset().forEachEvent(row -> {
      if ((Long) row[DemoDataset.EVENT_TIME] >= hotFloor) {
        hot.add(row);
      }
    });
    if (hot.isEmpty()) {
      throw new IllegalStateException("No hot rows in the demo data; use more --rows");
    }
    return hot;
  }

  private static final String LOOKUP = "SELECT kind, amount, user_id, region FROM events"
      + " WHERE tenant_id = ? AND event_id = ? AND event_time = ?";

  private interface Lookup {
    void run(Object[] row) throws Exception;
  }

  private static Lookup throughDriver(PreparedStatement p) {
    return row -> {
      p.setString(1, (String) row[0]);
      p.setString(2, (String) row[1]);
      p.setTimestamp(3, new Timestamp((Long) row[DemoDataset.EVENT_TIME]), UTC);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("Lookup found nothing for " + row[0] + "/" + row[1]);
        }
      }
    };
  }

  private static Lookup direct(DynamoDbClient dynamo) {
    DynamoDbItemCodec codec = new DynamoDbItemCodec(DemoLoader.hotLayout());
    return row -> {
      Map<String, AttributeValue> item = codec.toItem(row);
      var response = dynamo.getItem(b -> b.tableName(DemoLoader.HOT_TABLE).key(Map.of(
          "tenant_id", item.get("tenant_id"),
          DynamoDbTableLayout.SORT_KEY, item.get(DynamoDbTableLayout.SORT_KEY))));
      if (!response.hasItem()) {
        throw new IllegalStateException("GetItem found nothing for " + row[0] + "/" + row[1]);
      }
    };
  }

  private static void pointLookups(BenchGateway bench, DynamoDbClient dynamo, List<Object[]> hot,
      Targets targets) throws Exception {
    Timings gateway = new Timings(LOOKUPS);
    Timings inProcess = new Timings(LOOKUPS);
    Timings sdk = new Timings(LOOKUPS);
    Timings constant = new Timings(LOOKUPS);
    try (Connection c = bench.connect(); PreparedStatement p = c.prepareStatement(LOOKUP);
        Connection local = bench.gateway().connectInProcess();
        PreparedStatement lp = local.prepareStatement(LOOKUP);
        PreparedStatement one = c.prepareStatement("SELECT 1")) {
      // No store at all: what a round trip through the driver and the gateway costs by itself.
      Lookup roundTrip = row -> {
        try (ResultSet rs = one.executeQuery()) {
          rs.next();
        }
      };
      Lookup viaDriver = throughDriver(p);
      // The same plan without Avatica's HTTP round trip: what the engine itself costs.
      Lookup viaEngine = throughDriver(lp);
      Lookup viaSdk = direct(dynamo);
      for (int i = 0; i < 200; i++) { // warm-up: JIT, plan cache, connections
        viaDriver.run(hot.get(i % hot.size()));
        viaEngine.run(hot.get(i % hot.size()));
        viaSdk.run(hot.get(i % hot.size()));
        roundTrip.run(null);
      }
      for (int i = 0; i < LOOKUPS; i++) {
        Object[] row = hot.get((i * 7919) % hot.size());
        long t0 = System.nanoTime();
        viaDriver.run(row);
        long t1 = System.nanoTime();
        viaSdk.run(row);
        long t2 = System.nanoTime();
        viaEngine.run(row);
        long t3 = System.nanoTime();
        roundTrip.run(row);
        long t4 = System.nanoTime();
        gateway.add(t1 - t0);
        sdk.add(t2 - t1);
        inProcess.add(t3 - t2);
        constant.add(t4 - t3);
      }
    }
    System.out.println();
    System.out.println("1. Point lookup by full key (" + LOOKUPS + " lookups, interleaved)");
    System.out.printf("   through the driver:  p50 %.2f ms, p99 %.2f ms%n", gateway.millis(0.5),
        gateway.millis(0.99));
    System.out.printf("   in process, no HTTP: p50 %.2f ms, p99 %.2f ms%n",
        inProcess.millis(0.5), inProcess.millis(0.99));
    System.out.printf("   direct SDK GetItem:  p50 %.2f ms, p99 %.2f ms%n", sdk.millis(0.5),
        sdk.millis(0.99));
    System.out.printf("   SELECT 1 through the driver (no store): p50 %.2f ms, p99 %.2f ms%n",
        constant.millis(0.5), constant.millis(0.99));
    targets.add("point_lookup_p50_vs_getitem", gateway.millis(0.5) / sdk.millis(0.5),
        Targets.Goal.AT_MOST, 1.3, "x");
    targets.add("point_lookup_p99", gateway.millis(0.99), Targets.Goal.BELOW, 10, "ms");
    System.out.printf("   ratio p50 %.2fx (target <= 1.3x: %s), p99 %.2f ms (target < 10 ms: %s)%n",
        gateway.millis(0.5) / sdk.millis(0.5), targets.verdict("point_lookup_p50_vs_getitem"),
        gateway.millis(0.99), targets.verdict("point_lookup_p99"));
  }

  private static void throughput(BenchGateway bench, DynamoDbClient dynamo, List<Object[]> hot,
      Targets targets) throws Exception {
    double viaGateway = perSecond(hot, () -> {
      Connection c = bench.connect();
      return throughDriver(c.prepareStatement(LOOKUP));
    });
    double viaSdk = perSecond(hot, () -> direct(dynamo));
    System.out.println();
    System.out.println("2. Lookups per second, " + THREADS + " threads, " + THROUGHPUT_MILLIS
        / 1000 + " s each");
    System.out.printf("   through one gateway: %,.0f/s%n", viaGateway);
    System.out.printf("   direct SDK client:   %,.0f/s%n", viaSdk);
    targets.add("lookups_per_second_vs_sdk", viaGateway / viaSdk, Targets.Goal.AT_LEAST, 0.5,
        "x");
    System.out.printf("   ratio %.2fx (target >= 0.5x: %s)%n", viaGateway / viaSdk,
        targets.verdict("lookups_per_second_vs_sdk"));
  }

  private interface LookupFactory {
    Lookup create() throws Exception;
  }

  private static double perSecond(List<Object[]> hot, LookupFactory factory) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    AtomicLong done = new AtomicLong();
    try {
      long deadline = System.nanoTime() + THROUGHPUT_MILLIS * 1_000_000;
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int offset = t * 101;
        workers.add(pool.submit(() -> {
          Lookup lookup = factory.create();
          for (int i = offset; System.nanoTime() < deadline; i++) {
            lookup.run(hot.get(i % hot.size()));
            done.incrementAndGet();
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return done.get() * 1000.0 / THROUGHPUT_MILLIS;
  }

  private static void metricRange(BenchGateway bench, Targets targets) throws Exception {
    String series = DemoLoader.METRIC_SERIES.get(0);
    long now = bench.dataset().nowMillis();
    Timings gateway = new Timings(LOOKUPS / 4);
    Timings lettuce = new Timings(LOOKUPS / 4);
    RedisClient client = RedisClient.create("redis://" + bench.stack().redisHost() + ":"
        + bench.stack().redisPort());
    try (StatefulRedisConnection<String, String> redis = client.connect();
        Connection c = bench.connect(); PreparedStatement p = c.prepareStatement(
            "SELECT ts, value FROM metrics WHERE name = ? AND ts >= ? AND ts < ?")) {
      long[] window = new long[2];
      Lookup viaDriver = row -> {
        p.setString(1, series);
        p.setTimestamp(2, new Timestamp(window[0]), UTC);
        p.setTimestamp(3, new Timestamp(window[1]), UTC);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            rs.getDouble(2);
          }
        }
      };
      Lookup viaLettuce = row -> redis.sync().zrangebyscore("metric:" + series,
          Range.create((double) window[0], (double) window[1] - 1));
      for (int i = 0; i < LOOKUPS / 4 + 50; i++) {
        window[0] = now - 86_400_000L + (i % 100) * 600_000L;
        window[1] = window[0] + 600_000L;
        long t0 = System.nanoTime();
        viaDriver.run(null);
        long t1 = System.nanoTime();
        viaLettuce.run(null);
        long t2 = System.nanoTime();
        if (i >= 50) { // the first 50 warm up
          gateway.add(t1 - t0);
          lettuce.add(t2 - t1);
        }
      }
    } finally {
      client.shutdown();
    }
    System.out.println();
    System.out.println("3. Ten minutes of one metric series (sorted set), " + LOOKUPS / 4
        + " ranges");
    System.out.printf("   through the driver:     p50 %.2f ms, p99 %.2f ms%n",
        gateway.millis(0.5), gateway.millis(0.99));
    System.out.printf("   direct ZRANGEBYSCORE:   p50 %.2f ms, p99 %.2f ms%n",
        lettuce.millis(0.5), lettuce.millis(0.99));
    targets.add("metric_range_p50_vs_lettuce", gateway.millis(0.5) / lettuce.millis(0.5),
        Targets.Goal.AT_MOST, 2, "x");
    System.out.printf("   ratio p50 %.2fx (target <= 2x: %s)%n",
        gateway.millis(0.5) / lettuce.millis(0.5), targets.verdict("metric_range_p50_vs_lettuce"));
  }
}
