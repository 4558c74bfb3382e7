package io.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiergate.launcher.LocalGatewayConfig;
import io.tiergate.server.config.AlertsConfig;
import io.tiergate.server.config.AlertsConfig.RuleConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The status page at {@code GET /ui} on the local stack, in headless Chromium: it loads with
 * no console message, shows each tier of {@code events} and a firing alert, and its
 * screenshot is kept at {@code target/ui-status.png}. Only an admin sees it.
 */
@ExtendWith(TestGateway.Extension.class)
class StatusPageEndToEndTest {
  private static final String ALERT = "DemoHotRowsOverHalf";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test void showsTiersAndAFiringAlertInHeadlessChromium(TestGateway tg) throws Exception {
    // A capacity threshold at half the demo's hot rows fires at its first evaluation.
    AlertsConfig alerts = new AlertsConfig("200ms", null, null, List.of(new RuleConfig(ALERT,
        "tiergate_tier_rows", tg.demo().hot() / 2.0, null, null,
        new LinkedHashMap<>(Map.of("tier", "hot")), null)));
    try (Gateway gateway = Gateway.start(LocalGatewayConfig.forStack(tg.stack(), 0)
        .withAlerts(alerts))) {
      String page = "http://127.0.0.1:" + gateway.port() + "/ui";
      // a statement over all three tiers, so the query log has one under each
      try (Connection c = DriverManager.getConnection("jdbc:tiergate://127.0.0.1:"
              + gateway.port(), new Properties());
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM events")) {
        assertThat(rs.next()).isTrue();
      }
      awaitFiring(page);

      HeadlessChromium chromium = HeadlessChromium.ensure();
      String authenticated = "http://admin:admin@127.0.0.1:" + gateway.port() + "/ui";
      HeadlessChromium.Run dom = chromium.dumpDom(authenticated);
      assertThat(dom.stdout()).contains("<h1>Tiergate status</h1>", "<h3>events</h3>",
          "<tr class=\"tier-hot\"><td>hot</td><td>dynamodb</td>",
          "<tr class=\"tier-warm\"><td>warm</td><td>redshift</td>",
          "<tr class=\"tier-cold\"><td>cold</td><td>athena</td>",
          "<tr class=\"firing\"><td>" + ALERT + "</td><td>firing</td>",
          "<svg class=\"bars\"", "SELECT count(*) FROM events");
      assertThat(dom.consoleLines()).as(dom.log()).isEmpty();

      Path png = Path.of("target", "ui-status.png");
      Files.deleteIfExists(png);
      HeadlessChromium.Run shot = chromium.screenshot(authenticated, png, 1280, 2000);
      assertThat(png).exists();
      assertThat(Files.size(png)).isGreaterThan(10_000);
      assertThat(shot.consoleLines()).as(shot.log()).isEmpty();
    }
  }

  @Test void refusesWithoutCredentialsAndForAReader(TestGateway tg) throws Exception {
    String page = "http://127.0.0.1:" + tg.gateway().port() + "/ui";
    HttpResponse<String> anonymous = get(page, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        v -> assertThat(v).startsWith("Basic realm=\"Tiergate\""));
    assertThat(anonymous.body()).startsWith("Authentication required: the status page is for"
        + " the admin role");

    HttpResponse<String> wrong = get(page, "admin:wrong");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("Authentication failed for user 'admin'");

    HttpResponse<String> reader = get(page, "reader:reader");
    assertThat(reader.statusCode()).isEqualTo(403);
    assertThat(reader.body()).startsWith("Forbidden: the status page needs the admin role and"
        + " user 'reader' has [reader]");

    HttpResponse<String> admin = get(page, "admin:admin");
    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(admin.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("text/html"));
  }

  private static void awaitFiring(String page) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    String body = "";
    while (System.nanoTime() < deadline) {
      body = get(page, "admin:admin").body();
      if (body.contains("<tr class=\"firing\"><td>" + ALERT)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("The alert " + ALERT + " never fired on the page; last: " + body);
  }

  private static HttpResponse<String> get(String url, String userPassword) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (userPassword != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          userPassword.getBytes(StandardCharsets.UTF_8)));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
