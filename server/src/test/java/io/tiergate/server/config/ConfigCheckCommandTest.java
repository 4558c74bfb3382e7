package io.tiergate.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tiergate.server.cli.ConfigCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tiergate config check}, run in-process as the command line runs it. */
class ConfigCheckCommandTest {
  private static final String HASH =
      "pbkdf2-sha256$210000$PPa9ZgB6socPNRh5Sc55oQ$iTFwx/5fPtpQiQYD32i9qPaOj2KbhVDY58w0w4xxuVc";

  @TempDir Path dir;

  private static final String VALID = """
      server:
        host: 127.0.0.1
        users:
          ops: {password-hash: "%s", roles: [admin]}
      stores:
        dynamodb: {region: eu-west-1, access-key: AKIAEXAMPLEKEY, secret-key: "${AWS_SECRET}"}
        redis: {host: cache.internal}
        redshift: {url: "jdbc:postgresql://warehouse:5432/dev", user: tiergate}
        athena: {url: "jdbc:trino://trino:8080/hive", user: tiergate}
      tables:
        sessions: {store: redis, shape: hash, key-prefix: "session:", columns: {id: VARCHAR}}
      """.formatted(HASH);

  @Test void aValidFileExitsZeroAndPrintsTheEffectiveConfigurationWithSecretsMasked()
      throws IOException {
    Run run = check(VALID, Map.of("AWS_SECRET", "wJalrXUtnFEMIK7MDENG",
        "TIERGATE_STORES_REDSHIFT_PASSWORD", "warehouse-password"));
    assertThat(run.exit).as(run.err).isZero();
    assertThat(run.err).isEqualTo(file() + ": valid\n");
    for (String secret : new String[] {"wJalrXUtnFEMIK7MDENG", "warehouse-password",
        "AKIAEXAMPLEKEY", HASH}) {
      assertThat(run.out).doesNotContain(secret);
    }
    JsonNode printed = new ObjectMapper(new YAMLFactory()).readTree(run.out);
    assertThat(printed.at("/stores/redshift/password").asText())
        .as("the environment override is in effect, masked").isEqualTo("****");
    assertThat(printed.at("/stores/dynamodb/secret-key").asText()).isEqualTo("****");
    assertThat(printed.at("/stores/dynamodb/access-key").asText()).isEqualTo("****");
    assertThat(printed.at("/server/users/ops/password-hash").asText()).isEqualTo("****");
    assertThat(printed.at("/server/users/ops/roles/0").asText()).isEqualTo("admin");
    assertThat(printed.at("/stores/redshift/user").asText()).isEqualTo("tiergate");
    assertThat(printed.at("/server/port").asInt()).as("defaults shown").isEqualTo(8765);
    assertThat(printed.at("/stores/dynamodb/cache/ttl").asText()).isEqualTo("5m");
    assertThat(printed.at("/tables/sessions/key-prefix").asText()).isEqualTo("session:");
    assertThat(printed.at("/tables/sessions").has("tiered")).as("not a key").isFalse();
  }

  @Test void threeMistakesAreReportedTogether() throws IOException {
    Run run = check("""
        server: {port: 9000, hots: 127.0.0.1}
        stores:
          redshift: {url: "jdbc:foo://warehouse/dev?password=in-the-url", user: tiergate,
                     password: "${REDSHIFT_PASSWORD}"}
        """, Map.of());
    assertThat(run.exit).isEqualTo(1);
    assertThat(run.out).isEmpty();
    List<String> lines = run.err.lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0))
        .isEqualTo(file() + ": server.hots: unknown key; did you mean server.host?");
    assertThat(lines.get(1)).isEqualTo(file() + ": stores.redshift.password: refers to"
        + " environment variable REDSHIFT_PASSWORD, which is not set");
    assertThat(lines.get(2))
        .startsWith(file() + ": stores.redshift.url: no JDBC driver on the classpath accepts"
            + " 'jdbc:foo:...'; the drivers here serve ")
        .contains("jdbc:postgresql:", "jdbc:redshift:", "jdbc:trino:")
        .endsWith(" (add the driver's jar, or name its class in stores.redshift.driver)")
        .doesNotContain("in-the-url");
    assertThat(run.err).doesNotContain("in-the-url");
  }

  @Test void wrongTypesAndEachSectionsOwnChecksAreAllReported() throws IOException {
    Run run = check("""
        server: {port: eighty, anonymous: admin}
        stores:
          dynamodb: {retry-mode: legacy, cache: {ttl: 5 minutes}}
          athena: {mode: sdk, output-location: "results/"}
          redshift: {url: "jdbc:postgresql://warehouse/dev", driver: com.example.NoDriver}
        prices: {hot: -1}
        """, Map.of());
    assertThat(run.exit).isEqualTo(1);
    assertThat(run.err.lines()).containsExactly(
        file() + ": server.port: expected a whole number, not 'eighty'",
        file() + ": server.anonymous: 'admin' is not one of reader, none",
        file() + ": stores.dynamodb.cache.ttl: '5 minutes' is not a duration such as 250ms,"
            + " 2s, 5m, 1h or 30d",
        file() + ": stores.dynamodb.retry-mode: must be 'standard' or 'adaptive', not"
            + " 'legacy'",
        file() + ": stores.athena.output-location: must start with s3://, not 'results/'",
        file() + ": prices: USD per TB-month cannot be negative",
        file() + ": stores.redshift.driver: class 'com.example.NoDriver' is not on the"
            + " classpath");
  }

  @Test void warningsAreShownAndDoNotFailTheCheck() throws IOException {
    Run run = check(VALID, Map.of("AWS_SECRET", "x", "TIERGATE_STORES_REDIS_HOTS", "h"));
    assertThat(run.exit).isZero();
    assertThat(run.err.lines()).containsExactly(
        "warning: TIERGATE_STORES_REDIS_HOTS is not a configuration key and is ignored; the"
            + " nearest is TIERGATE_STORES_REDIS_HOST (stores.redis.host)",
        file() + ": valid");
  }

  @Test void aMissingFileIsAnError() {
    Run run = run(Map.of(), "check", "--config", dir.resolve("absent.yaml").toString());
    assertThat(run.exit).isEqualTo(1);
    assertThat(run.err).startsWith(dir.resolve("absent.yaml") + ": cannot be read");
  }

  @Test void badYamlIsOneErrorWithItsPosition() throws IOException {
    Run run = check("server:\n  port: 1\n    host: x\n", Map.of());
    assertThat(run.exit).isEqualTo(1);
    assertThat(run.err).isEqualTo(file() + ": not valid YAML: mapping values are not allowed"
        + " here (line 3, column 9)\n");
  }

  private String file() {
    return dir.resolve("tiergate.yaml").toString();
  }

  private Run check(String yaml, Map<String, String> environment) throws IOException {
    Files.writeString(dir.resolve("tiergate.yaml"), yaml);
    return run(environment, "check", "--config", file());
  }

  private static Run run(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new ConfigCommand(environment))
        .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
        .execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private record Run(int exit, String out, String err) {
  }
}
