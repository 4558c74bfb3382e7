package io.tiergate.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
    assertThat(output).contains("SUCCESS: 9 rules found").contains("Unit Testing:")
        .doesNotContain("FAILED");
  }

  @Test void everyAlertHasAUnitTest() throws IOException {
    String rules = Files.readString(OPS.resolve("tiergate-rules.yml"));
    String tests = Files.readString(OPS.resolve("tiergate-rules.test.yml"));
    var alerts = java.util.regex.Pattern.compile("- alert: (\\w+)").matcher(rules);
    int n = 0;
    while (alerts.find()) {
      n++;
      assertThat(tests).as(alerts.group(1)).contains("alertname: " + alerts.group(1));
    }
    assertThat(n).isEqualTo(9);
  }
}
