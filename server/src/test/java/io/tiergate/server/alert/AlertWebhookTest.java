package io.tiergate.server.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook against a real HTTP server: the JSON it receives, and failures counted. */
class AlertWebhookTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final TestClock clock = new TestClock();
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private HttpServer server;

  @BeforeEach void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hooks/tiergate", exchange -> {
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
      exchange.sendResponseHeaders(status.get(), -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach void stopServer() {
    server.stop(0);
  }

  private URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/tiergate");
  }

  private AlertEvaluator evaluator(AlertWebhook webhook, AtomicLong bytes) {
    Gauge.builder("tiergate.tier.bytes", bytes, AtomicLong::get)
        .tags("table", "events", "tier", "hot", "storage_class", "none").register(registry);
    return new AlertEvaluator(List.of(new AlertRule("TiergateHotTierLarge",
        AlertMetric.TIER_BYTES, Map.of(), 100, Duration.ZERO, null)), registry, clock,
        List.of(webhook), 10);
  }

  @Test void firingAndResolvedArePostedAsJson() throws IOException {
    AtomicLong bytes = new AtomicLong(250);
    AlertEvaluator alerts = evaluator(new AlertWebhook(url(), Duration.ofSeconds(5), registry),
        bytes);
    alerts.evaluate();
    clock.advance(Duration.ofMinutes(3));
    bytes.set(10);
    alerts.evaluate();

    assertThat(bodies).hasSize(2);
    assertThat(contentTypes).containsOnly("application/json");
    JsonNode firing = new ObjectMapper().readTree(bodies.get(0));
    assertThat(firing.get("alert").asText()).isEqualTo("TiergateHotTierLarge");
    assertThat(firing.get("kind").asText()).isEqualTo("capacity");
    assertThat(firing.get("state").asText()).isEqualTo("firing");
    assertThat(firing.get("labels").get("table").asText()).isEqualTo("events");
    assertThat(firing.get("labels").get("tier").asText()).isEqualTo("hot");
    assertThat(firing.get("value").asDouble()).isEqualTo(250);
    assertThat(firing.get("threshold").asDouble()).isEqualTo(100);
    assertThat(firing.get("since").asText()).isEqualTo("2026-03-01T12:00:00Z");
    assertThat(firing.get("resolved_at").isNull()).isTrue();
    JsonNode resolved = new ObjectMapper().readTree(bodies.get(1));
    assertThat(resolved.get("state").asText()).isEqualTo("resolved");
    assertThat(resolved.get("value").asDouble()).isEqualTo(10);
    assertThat(resolved.get("since").asText()).isEqualTo("2026-03-01T12:00:00Z");
    assertThat(resolved.get("resolved_at").asText()).isEqualTo("2026-03-01T12:03:00Z");
    assertThat(registry.get("tiergate.alerts.webhook.failures").counter().count()).isZero();
  }

  @Test void aWebhookThatRefusesOrIsGoneIsCountedAndEvaluationGoesOn() {
    status.set(500);
    AtomicLong bytes = new AtomicLong(250);
    AlertEvaluator alerts = evaluator(new AlertWebhook(url(), Duration.ofSeconds(5), registry),
        bytes);
    alerts.evaluate();
    assertThat(bodies).hasSize(1);
    assertThat(alerts.alerts().get(0).state()).isEqualTo(Alert.State.FIRING);
    assertThat(registry.get("tiergate.alerts.webhook.failures").counter().count()).isEqualTo(1);

    server.stop(0); // nobody listens any more
    bytes.set(0);
    alerts.evaluate();
    assertThat(alerts.alerts().get(0).state()).isEqualTo(Alert.State.RESOLVED);
    assertThat(registry.get("tiergate.alerts.webhook.failures").counter().count()).isEqualTo(2);
  }
}
