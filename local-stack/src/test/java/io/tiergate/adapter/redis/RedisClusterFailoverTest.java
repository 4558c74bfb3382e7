package io.tiergate.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tiergate.adapter.StoreRequests;
import io.tiergate.adapter.StoreUnavailableException;
import io.tiergate.local.RedisClusterStandIn;
import io.tiergate.planner.catalog.ColumnSpec;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A primary is SIGKILLed while readers query through the adapter. Every answer must be right,
 * every error must name the node and say the cluster may be failing over, and once the replica
 * is promoted reads of every slot succeed again.
 */
class RedisClusterFailoverTest {
  private static final Logger LOG = LoggerFactory.getLogger(RedisClusterFailoverTest.class);
  private static final int KEYS = 300;
  private static final int READERS = 4;
  private static final List<ColumnSpec> COLUMNS = List.of(
      new ColumnSpec("id", SqlTypeName.VARCHAR),
      new ColumnSpec("logins", SqlTypeName.BIGINT));

  @Test void readsGoOnAfterAPrimaryIsKilledAndNoAnswerIsWrong() throws Exception {
    try (RedisClusterStandIn cluster = RedisClusterStandIn.start(
        Path.of("target", "stand-ins", "redis-failover").toAbsolutePath())) {
      load(cluster);
      try (RedisConnector redis = RedisConnector.cluster(
          cluster.addresses().stream().map(RedisConnector.HostAndPort::parse).toList(),
          new StoreRequests(new SimpleMeterRegistry()))) {
        RedisHashTable sessions = new RedisHashTable("sessions", redis, "session:", COLUMNS,
            false);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
        AtomicLong good = new AtomicLong();
        AtomicLong goodAfterKill = new AtomicLong();
        List<String> wrong = new CopyOnWriteArrayList<>();
        List<String> errors = new CopyOnWriteArrayList<>();
        Map<String, Long> lastFailure = new ConcurrentHashMap<>();
        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        for (int r = 0; r < READERS; r++) {
          readers.submit(() -> {
            try (RedisSql sql = new RedisSql(Map.of("sessions", sessions))) {
              while (running.get()) {
                List<Integer> ids = ThreadLocalRandom.current().ints(0, KEYS).distinct().limit(8)
                    .boxed().sorted().toList();
                try {
                  List<List<Object>> rows = sql.queryPrepared("select id, logins from sessions"
                      + " where id in (?, ?, ?, ?, ?, ?, ?, ?) order by logins",
                      ids.stream().map(i -> "s" + i).toArray());
                  List<List<Object>> expected = ids.stream()
                      .map(i -> Arrays.<Object>asList("s" + i, (long) i)).toList();
                  if (!rows.equals(expected)) {
                    wrong.add("ids " + ids + " answered " + rows);
                  }
                  good.incrementAndGet();
                  if (System.nanoTime() > killedAt.get()) {
                    goodAfterKill.incrementAndGet();
                  }
                } catch (SQLException e) {
                  errors.add(RedisTablesContract.cause(e, StoreUnavailableException.class)
                      .getMessage());
                  lastFailure.put("last", System.nanoTime());
                }
              }
            } catch (SQLException | RuntimeException e) {
              wrong.add("reader stopped: " + e);
            }
          });
        }
        // Load first: the readers' first queries are slow while Calcite warms up.
        long warmUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (good.get() < 50 && System.nanoTime() < warmUp && wrong.isEmpty()) {
          Thread.sleep(50);
        }
        long goodBeforeKill = good.get();
        String killed = cluster.killPrimaryServing("session:s0");
        killedAt.set(System.nanoTime());
        long killNanos = killedAt.get();
        cluster.awaitHealthy();
        long promotedMillis = (System.nanoTime() - killNanos) / 1_000_000;
        // Let the readers run on the new topology for a while.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long goodAtPromotion = good.get();
        while (System.nanoTime() < deadline
            && (good.get() - goodAtPromotion < 100 || recentlyFailed(lastFailure, 1000))) {
          Thread.sleep(100);
        }
        running.set(false);
        readers.shutdown();
        assertThat(readers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        Long last = lastFailure.get("last");
        LOG.info("failover of {}: replica promoted after {} ms; reads before kill {}, after {}; "
            + "{} errors, the last {} ms after the kill", killed, promotedMillis, goodBeforeKill,
            goodAfterKill.get(), errors.size(),
            last == null ? "-" : (last - killNanos) / 1_000_000);

        assertThat(wrong).isEmpty();
        assertThat(goodBeforeKill).isGreaterThanOrEqualTo(50);
        assertThat(good.get() - goodAtPromotion).isGreaterThanOrEqualTo(100);
        assertThat(recentlyFailed(lastFailure, 1000)).isFalse();
        assertThat(errors).allSatisfy(message -> assertThat(message)
            .matches("Redis Cluster node 127\\.0\\.0\\.1:\\d+ \\(slot \\d+\\) failed to read key "
                + "'session:s\\d+': .*; the cluster may be failing over to a replica, retry shortly"));
        // Every key, including all of the killed primary's, reads right on the new topology.
        // (10 keys a query: Calcite plans an IN list of 20 or more as a join with VALUES, which
        // gives the table no key filter)
        try (RedisSql sql = new RedisSql(Map.of("sessions", sessions))) {
          List<List<Object>> rows = new ArrayList<>();
          for (int from = 0; from < KEYS; from += 10) {
            String in = IntStream.range(from, Math.min(KEYS, from + 10))
                .mapToObj(i -> "'s" + i + "'").collect(Collectors.joining(", "));
            rows.addAll(sql.query("select id, logins from sessions where id in (" + in
                + ") order by logins"));
          }
          assertThat(rows).isEqualTo(IntStream.range(0, KEYS)
              .mapToObj(i -> Arrays.<Object>asList("s" + i, (long) i)).toList());
        }
        assertThat(cluster.primaries()).hasSize(3).doesNotContain(killed);
      }
    }
  }

  private static boolean recentlyFailed(Map<String, Long> lastFailure, long millis) {
    Long last = lastFailure.get("last");
    return last != null && System.nanoTime() - last < TimeUnit.MILLISECONDS.toNanos(millis);
  }

  private static void load(RedisClusterStandIn cluster) {
    RedisClusterClient client = RedisClusterClient.create(cluster.seeds());
    try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
      for (int i = 0; i < KEYS; i++) {
        connection.sync().hset("session:s" + i, "logins", Integer.toString(i));
      }
    } finally {
      client.shutdown();
    }
    // Replication is asynchronous: a write the replica has not seen would be lost by the kill.
    cluster.awaitReplicasCaughtUp();
  }
}
