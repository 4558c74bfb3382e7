package io.tiergate.server.alert;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each firing and resolved alert as JSON to the configured URL. A failure (no answer
 * within the timeout, a status other than 2xx) is logged and counted in
 * {@code tiergate_alerts_webhook_failures_total}, and evaluation goes on: the log has the alert
 * anyway.
 */
final class AlertWebhook implements AlertListener {
  private static final Logger LOG = LoggerFactory.getLogger(AlertWebhook.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The body: one alert. */
  record Body(String alert, String kind, String state, Map<String, String> labels,
      double value, double threshold, String since,
      @JsonProperty("resolved_at") String resolvedAt) {
    static Body of(Alert a) {
      return new Body(a.rule(), a.kind().label(), a.state().label(), a.labels(), a.value(),
          a.threshold(), a.since().toString(),
          a.resolvedAt() == null ? null : a.resolvedAt().toString());
    }
  }

  private final URI url;
  /** The URL without its path, which may hold a token (as chat services' hooks do). */
  private final String host;
  private final Duration timeout;
  private final HttpClient http;
  private final Counter failures;

  AlertWebhook(URI url, Duration timeout, MeterRegistry registry) {
    this.url = url;
    this.host = url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? ""
        : ":" + url.getPort());
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.failures = Counter.builder("tiergate.alerts.webhook.failures")
        .description("Alerts the webhook did not take (no answer in time, or not 2xx)")
        .register(registry);
  }

  @Override public void changed(Alert alert) {
    try {
      HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Body.of(alert))))
          .build();
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status / 100 != 2) {
        failed(alert, "it answered HTTP " + status);
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("An alert did not serialize: " + e.getMessage(), e);
    } catch (IOException e) {
      failed(alert, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failed(alert, "interrupted (the gateway is stopping)");
    }
  }

  private void failed(Alert alert, String why) {
    failures.increment();
    LOG.warn("Alert {} ({}) was not delivered to the webhook {}: {}", alert.rule(),
        alert.state().label(), host, why);
  }
}
