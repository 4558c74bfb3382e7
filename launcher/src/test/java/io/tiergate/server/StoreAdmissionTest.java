package io.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiergate.adapter.AdmissionGate;
import io.tiergate.launcher.LocalGatewayConfig;
import io.tiergate.planner.manifest.Tier;
import io.tiergate.planner.manifest.TierManifest;
import io.tiergate.server.config.TiergateConfig;
import io.tiergate.server.config.TiergateConfig.AdmissionConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code stores.admission} on the real engines: more concurrent queries than a store has
 * connections wait their turn and all answer right; with a tiny queue and a short wait the
 * overflow gets STORE_SATURATED (53300) naming the store; {@code /metrics} has the queue series.
 */
@ExtendWith(TestGateway.Extension.class)
class StoreAdmissionTest {
  private static final String COLD_COUNT = "SELECT COUNT(*) FROM athena.events";
  private static final int CLIENTS = 10;

  /** A second gateway on the test's stack, with its own {@code stores.admission}. */
  private static Gateway startWith(TestGateway tg, AdmissionConfig admission) {
    TiergateConfig local = LocalGatewayConfig.forStack(tg.stack(), 0);
    TiergateConfig.StoresConfig s = local.stores();
    return Gateway.start(new TiergateConfig(local.server(), new TiergateConfig.StoresConfig(
        s.dynamodb(), s.redis(), s.s3(), s.redshift(), s.athena(), admission), local.tables(),
        local.lifecycle(), local.prices()));
  }

  private static long coldRows(TestGateway tg) {
    TierManifest manifest = tg.demo().manifest();
    long[] cold = {0};
    tg.dataset().forEachEvent(row -> cold[0] += manifest.tierOf((Long) row[2]) == Tier.COLD
        ? 1 : 0);
    return cold[0];
  }

  /**
   * {@link #CLIENTS} clients of two users at once, each running {@code sql} once, all released
   * together; each result is the count, or the SQLException it got.
   */
  private static List<Object> concurrently(Gateway gateway, String sql) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    CountDownLatch ready = new CountDownLatch(CLIENTS);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Object>> answers = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        String user = i % 2 == 0 ? LocalGatewayConfig.ADMIN : LocalGatewayConfig.READER;
        Callable<Object> client = () -> {
          try (Connection c = java.sql.DriverManager.getConnection("jdbc:tiergate://127.0.0.1:"
              + gateway.port() + "?user=" + user + "&password=" + user);
              Statement s = c.createStatement()) {
            ready.countDown();
            go.await();
            try (ResultSet rs = s.executeQuery(sql)) {
              rs.next();
              return rs.getLong(1);
            }
          } catch (SQLException e) {
            return e;
          }
        };
        answers.add(clients.submit(client));
      }
      assertThat(ready.await(60, TimeUnit.SECONDS)).isTrue();
      go.countDown();
      List<Object> results = new ArrayList<>();
      for (Future<Object> answer : answers) {
        results.add(answer.get(120, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      clients.shutdownNow();
    }
  }

  private static String metrics(Gateway gateway) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + gateway.port() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test void moreQueriesThanConnectionsWaitTheirTurnAndAllAnswerRight(TestGateway tg)
      throws Exception {
    try (Gateway gateway = startWith(tg, new AdmissionConfig(2, 64, "120s"))) {
      assertThat(concurrently(gateway, COLD_COUNT)).hasSize(CLIENTS).containsOnly(coldRows(tg));

      var registry = gateway.metrics();
      var waits = registry.get(AdmissionGate.QUEUE_WAIT).tag("store", "athena").timer();
      assertThat(waits.count()).isGreaterThanOrEqualTo(CLIENTS);
      assertThat(waits.max(TimeUnit.MILLISECONDS)).as("some query waited").isPositive();
      assertThat(registry.get("hikaricp.connections.max").tag("pool", "athena").gauge().value())
          .isEqualTo(2.0);
      assertThat(registry.get(AdmissionGate.QUEUE_LENGTH).tag("store", "athena").gauge().value())
          .isZero();
      assertThat(registry.find(AdmissionGate.REFUSALS).tag("store", "athena").counters())
          .allSatisfy(c -> assertThat(c.count()).isZero());

      String body = metrics(gateway);
      assertThat(body).containsPattern("tiergate_store_queue_length\\{store=\"athena\"} 0")
          .containsPattern("tiergate_store_queue_wait_seconds_count\\{store=\"athena\"} "
              + "[1-9]")
          .containsPattern("tiergate_store_queue_wait_seconds_bucket\\{store=\"athena\","
              + "le=\"[^\"]+\"}")
          .contains("tiergate_store_queue_refusals_total{reason=\"timeout\",store=\"athena\"} ")
          .contains("tiergate_store_queue_length{store=\"redshift\"} 0");
    }
  }

  @Test void pastATinyQueueTheOverflowIsToldWhichStoreIsSaturated(TestGateway tg)
      throws Exception {
    long expected = coldRows(tg);
    try (Gateway gateway = startWith(tg, new AdmissionConfig(1, 1, "200ms"))) {
      List<Object> results = concurrently(gateway, COLD_COUNT);

      List<Object> answered = results.stream().filter(r -> r instanceof Long).toList();
      List<SQLException> refused = results.stream().filter(r -> r instanceof SQLException)
          .map(r -> (SQLException) r).toList();
      assertThat(answered).allSatisfy(r -> assertThat(r).isEqualTo(expected)).isNotEmpty();
      assertThat(refused).isNotEmpty().allSatisfy(e -> {
        assertThat((Object) e).isInstanceOf(SQLTransientException.class);
        assertThat(e.getSQLState()).isEqualTo("53300");
        assertThat(e.getErrorCode()).isEqualTo(5003);
        assertThat(e.getMessage()).matches("athena is saturated: all 1 of its connections are "
            + "busy(; waited \\d+\\.\\d s, the most a query waits, in a queue of 1| and its queue "
            + "is full \\(1 of 1 waiting\\); refused after \\d+\\.\\d s)\\. Retry later; if "
            + "this is the usual load, raise stores\\.admission\\.connections \\(when athena "
            + "can run more queries at once\\), stores\\.admission\\.queue or "
            + "stores\\.admission\\.max-wait.*");
      });
      assertThat(answered.size() + refused.size()).isEqualTo(CLIENTS);

      double counted = gateway.metrics().find(AdmissionGate.REFUSALS).tag("store", "athena")
          .counters().stream().mapToDouble(c -> c.count()).sum();
      assertThat(counted).isEqualTo(refused.size());
      assertThat(metrics(gateway)).containsPattern(
          "tiergate_store_queue_refusals_total\\{reason=\"(full|timeout)\",store=\"athena\"} "
              + "[1-9]");

      // Saturated, not down: once the burst is over the store answers at once.
      try (Connection c = java.sql.DriverManager.getConnection("jdbc:tiergate://127.0.0.1:"
          + gateway.port() + "?user=reader&password=reader");
          Statement s = c.createStatement(); ResultSet rs = s.executeQuery(COLD_COUNT)) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(expected);
      }
    }
  }
}
