package io.tiergate.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import io.micrometer.core.instrument.Counter;
import io.tiergate.server.config.TiergateConfig;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * What {@code server.metrics.cloudwatch} sends. CloudWatch itself cannot run here, so a local
 * endpoint stands in and the PutMetricData requests it receives are checked: the operation, the
 * namespace, the region's signature, and each meter with its tags as dimensions.
 */
class CloudWatchPublisherTest {
  record Received(String path, Map<String, List<String>> headers, byte[] body) {
    String text() {
      // The protocol may be binary (CBOR); names and values are UTF-8 within it.
      return new String(body, StandardCharsets.ISO_8859_1);
    }
  }

  @Test void metersArePutAsCustomMetricsInTheNamespace() throws Exception {
    List<Received> received = new CopyOnWriteArrayList<>();
    HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    endpoint.createContext("/", exchange -> {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      exchange.getRequestBody().transferTo(body);
      received.add(new Received(exchange.getRequestURI().getPath(),
          Map.copyOf(exchange.getRequestHeaders()), body.toByteArray()));
      exchange.sendResponseHeaders(500, -1); // the answer does not matter here
      exchange.close();
    });
    endpoint.start();
    try {
      TiergateConfig.CloudWatchConfig config = new TiergateConfig.CloudWatchConfig("TiergateTest",
          "eu-west-1", "1m", "http://127.0.0.1:" + endpoint.getAddress().getPort());
      CloudWatchMeterRegistry registry = CloudWatchPublisher.start(config,
          StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")));
      Counter.builder("tiergate.store.requests").tag("store", "athena").register(registry)
          .increment(3);
      registry.close(); // publishes what it has
    } finally {
      endpoint.stop(0);
    }
    assertThat(received).isNotEmpty();
    Received put = received.get(0);
    String operation = put.path() + " " + put.headers().getOrDefault("X-amz-target", List.of())
        + " " + put.text();
    assertThat(operation).contains("PutMetricData");
    assertThat(put.headers().get("Authorization")).singleElement().asString()
        .contains("Credential=AKIDTEST/").contains("/eu-west-1/monitoring/aws4_request");
    assertThat(put.text()).contains("TiergateTest").contains("tiergate.store.requests")
        .contains("store").contains("athena");
    assertThat(put.text()).doesNotContain("secret");
  }

  @Test void badSettingsNameTheirKey() {
    assertThatThrownBy(() -> new TiergateConfig.CloudWatchConfig("", null, null, null))
        .hasMessageContaining("server.metrics.cloudwatch.namespace");
    assertThatThrownBy(() -> new TiergateConfig.CloudWatchConfig(null, null, "soon", null))
        .hasMessageContaining("server.metrics.cloudwatch.step: 'soon' is not a duration");
    assertThatThrownBy(() -> new TiergateConfig.CloudWatchConfig(null, null, "0s", null))
        .hasMessageContaining("server.metrics.cloudwatch.step: must be more than 0");
    assertThatThrownBy(() -> new TiergateConfig.CloudWatchConfig(null, null, null, "not a url"))
        .hasMessageContaining("server.metrics.cloudwatch.endpoint: 'not a url'");
  }
}
