package io.tiergate.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiergate.server.config.AlertsConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The alert rules shipped under {@code ops/prometheus}: promtool accepts them and their unit
 * tests pass (each alert fires on its cause and resolves when it goes). The script installs
 * promtool where it is missing.
 */
class PrometheusRulesTest {
  private static final Path OPS = Path.of("..", "ops", "prometheus").toAbsolutePath().normalize();

  @Test void promtoolChecksTheRulesAndTheirUnitTestsPass() throws Exception {
    Process check = new ProcessBuilder(OPS.resolve("check").toString())
        .redirectErrorStream(true).start();
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(check.exitValue()).as(output).isZero();
    assertThat(output).contains("SUCCESS: " + AlertsConfig.DEFAULT_RULES.size() + " rules found").contains("Unit Testing:")
        .doesNotContain("FAILED");
  }

  @Test void everyAlertHasAUnitTest() throws IOException {
    String tests = Files.readString(OPS.resolve("tiergate-rules.test.yml"));
    for (String alert : prometheusAlerts()) {
      assertThat(tests).as(alert).contains("alertname: " + alert);
    }
  }

  /** Operators may use either set of rules, so both raise the same alerts under one name. */
  @Test void theFileHasTheAlertsTheGatewayEvaluates() throws IOException {
    assertThat(prometheusAlerts()).containsExactlyInAnyOrderElementsOf(
        AlertsConfig.DEFAULT_RULES.stream().map(AlertsConfig.RuleConfig::name).toList());
  }

  private static List<String> prometheusAlerts() throws IOException {
    String rules = Files.readString(OPS.resolve("tiergate-rules.yml"));
    Matcher alerts = Pattern.compile("- alert: (\\w+)").matcher(rules);
    List<String> names = new ArrayList<>();
    while (alerts.find()) {
      names.add(alerts.group(1));
    }
    return names;
  }
}
