package io.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.tiergate.launcher.LocalGatewayConfig;
import io.tiergate.server.config.AlertsConfig;
import io.tiergate.server.config.AlertsConfig.RuleConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway's own alerts on the local stack, seen through the driver in
 * {@code tiergate.alerts} and at a webhook: capacity thresholds set below the demo's size fire,
 * and Redis memory filled past its threshold fires, then resolves once the ballast is gone.
 */
@ExtendWith(TestGateway.Extension.class)
class AlertsEndToEndTest {
  private static final String BALLAST = "tiergate-alerts-test:ballast";
  private static final int BALLAST_BYTES = 16 * 1024 * 1024;

  @Test void capacityAlertsFireOnTheStackAndResolveWhenTheCauseGoes(TestGateway tg)
      throws Exception {
    List<String> posted = new CopyOnWriteArrayList<>();
    HttpServer hook = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    hook.createContext("/hook", exchange -> {
      posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    hook.start();
    RedisClient client = RedisClient.create(tg.stack().redis().uri());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> redis = connection.sync();
      double usedNow = usedMemory(redis.info("memory"));
      double redisThreshold = usedNow + BALLAST_BYTES / 2.0;
      AlertsConfig alerts = new AlertsConfig("200ms", null, new AlertsConfig.WebhookConfig(
          "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook", "2s"), List.of(
          rule("DemoHotRows", "tiergate_tier_rows", tg.demo().hot() / 2.0, null,
              Map.of("tier", "hot")),
          rule("WarmDatabaseSize", "tiergate_redshift_database_bytes", 1, null, Map.of()),
          rule("RedisBallast", "tiergate_redis_used_memory_bytes", redisThreshold, "1s",
              Map.of())));
      try (Gateway gateway = Gateway.start(LocalGatewayConfig.forStack(tg.stack(), 0)
          .withAlerts(alerts))) {
        String url = "jdbc:tiergate://127.0.0.1:" + gateway.port();
        Map<String, Map<String, Object>> firing = await(url, rows ->
            "firing".equals(state(rows, "DemoHotRows"))
                && "firing".equals(state(rows, "WarmDatabaseSize")));
        assertThat(firing.get("DemoHotRows")).containsEntry("kind", "capacity")
            .containsEntry("labels", "storage_class=none,table=events,tier=hot")
            .containsEntry("threshold", tg.demo().hot() / 2.0);
        assertThat((Double) firing.get("DemoHotRows").get("value"))
            .isGreaterThanOrEqualTo((double) tg.demo().hot());
        assertThat((Double) firing.get("WarmDatabaseSize").get("value")).isGreaterThan(1e6);
        assertThat(firing).doesNotContainKey("RedisBallast");

        redis.set(BALLAST, "x".repeat(BALLAST_BYTES));
        Map<String, Object> ballast = await(url, rows ->
            "firing".equals(state(rows, "RedisBallast"))).get("RedisBallast");
        assertThat((Double) ballast.get("value")).isGreaterThan(redisThreshold);
        assertThat(ballast.get("resolved_at")).isNull();

        redis.del(BALLAST);
        Map<String, Object> resolved = await(url, rows ->
            "resolved".equals(state(rows, "RedisBallast"))).get("RedisBallast");
        assertThat((Double) resolved.get("value")).isLessThanOrEqualTo(redisThreshold);
        assertThat(resolved.get("resolved_at")).isNotNull();
        assertThat(resolved.get("since")).isEqualTo(ballast.get("since"));
      }
    } finally {
      client.shutdown();
      hook.stop(0);
    }
    assertThat(posted).anySatisfy(body -> assertThat(body).contains("\"alert\":\"RedisBallast\"")
        .contains("\"state\":\"firing\""));
    assertThat(posted).anySatisfy(body -> assertThat(body).contains("\"alert\":\"RedisBallast\"")
        .contains("\"state\":\"resolved\""));
    assertThat(posted).anySatisfy(body -> assertThat(body).contains("\"alert\":\"DemoHotRows\"")
        .contains("\"kind\":\"capacity\""));
  }

  private static RuleConfig rule(String name, String metric, double threshold, String forText,
      Map<String, String> labels) {
    return new RuleConfig(name, metric, threshold, forText, null, new LinkedHashMap<>(labels),
        null);
  }

  private static double usedMemory(String info) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("used_memory:")) {
        return Double.parseDouble(line.substring("used_memory:".length()).trim());
      }
    }
    throw new IllegalStateException("INFO memory without used_memory: " + info);
  }

  private static String state(Map<String, Map<String, Object>> rows, String name) {
    Map<String, Object> row = rows.get(name);
    return row == null ? null : (String) row.get("state");
  }

  /** tiergate.alerts by rule (the first row of each: firing and pending before resolved). */
  private static Map<String, Map<String, Object>> await(String url,
      Predicate<Map<String, Map<String, Object>>> until) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    Map<String, Map<String, Object>> rows = Map.of();
    while (System.nanoTime() < deadline) {
      rows = alerts(url);
      if (until.test(rows)) {
        return rows;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("tiergate.alerts never got there; last: " + rows);
  }

  private static Map<String, Map<String, Object>> alerts(String url) throws Exception {
    Map<String, Map<String, Object>> byRule = new HashMap<>();
    try (Connection c = DriverManager.getConnection(url, new Properties());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT name, kind, labels, state, since, \"value\","
            + " threshold, resolved_at FROM tiergate.alerts")) {
      while (rs.next()) {
        Map<String, Object> row = new HashMap<>();
        for (String column : List.of("kind", "labels", "state", "since", "threshold",
            "resolved_at")) {
          row.put(column, rs.getObject(column));
        }
        row.put("value", rs.getDouble("value"));
        byRule.putIfAbsent(rs.getString("name"), row);
      }
    }
    return byRule;
  }
}
