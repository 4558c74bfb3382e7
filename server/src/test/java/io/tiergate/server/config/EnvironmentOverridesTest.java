package io.tiergate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tiergate.server.config.ConfigLoader.ConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class EnvironmentOverridesTest {
  private static final String HASH =
      "pbkdf2-sha256$210000$PPa9ZgB6socPNRh5Sc55oQ$iTFwx/5fPtpQiQYD32i9qPaOj2KbhVDY58w0w4xxuVc";

  @Test void aKeyTheFileLacksIsSetFromTheEnvironment() {
    TiergateConfig config = new ConfigLoader(Map.of(
        "TIERGATE_STORES_REDSHIFT_PASSWORD", "from-env",
        "TIERGATE_STORES_DYNAMODB_CACHE_TTL", "10m"))
        .parse("stores:\n  redshift: {url: \"jdbc:postgresql://rs/dev\", user: tiergate}\n",
            "tiergate.yaml");
    assertThat(config.stores().redshift().password()).isEqualTo("from-env");
    assertThat(config.stores().redshift().user()).isEqualTo("tiergate");
    // Neither dynamodb nor its cache is in the file: both sections are made for the key.
    assertThat(config.stores().dynamodb().cache().options().ttl())
        .isEqualTo(Duration.ofMinutes(10));
  }

  @Test void anEmptyFileIsFilledFromTheEnvironment() {
    TiergateConfig config = new ConfigLoader(Map.of("TIERGATE_SERVER_HOST", "127.0.0.1",
        "TIERGATE_LIFECYCLE_JOB_RETENTION", "7d", "TIERGATE_PRICES_COLD", "0.5"))
        .parse("", "tiergate.yaml");
    assertThat(config.server().host()).isEqualTo("127.0.0.1");
    assertThat(config.lifecycle().jobRetentionDuration()).isEqualTo(Duration.ofDays(7));
    assertThat(config.prices().cold()).isEqualTo(0.5);
  }

  @Test void anOverrideNeedsNoPlaceholderVariableAndTakesItsValueLiterally() {
    TiergateConfig config = new ConfigLoader(Map.of(
        "TIERGATE_STORES_REDSHIFT_PASSWORD", "p${NOT_A_PLACEHOLDER}"))
        .parse("stores:\n  redshift: {password: \"${UNSET}\"}\n", "tiergate.yaml");
    assertThat(config.stores().redshift().password()).isEqualTo("p${NOT_A_PLACEHOLDER}");
  }

  @Test void aListTakesCommasOrAYamlFlowList() {
    assertThat(new ConfigLoader(Map.of("TIERGATE_STORES_REDIS_NODES", "a:6379, b:6380"))
        .parse("stores:\n  redis: {cluster: true}\n", "t.yaml").stores().redis().nodes())
        .containsExactly("a:6379", "b:6380");
    assertThat(new ConfigLoader(Map.of("TIERGATE_STORES_REDIS_NODES", "[\"a:6379\", b:6380]"))
        .parse("", "t.yaml").stores().redis().nodes()).containsExactly("a:6379", "b:6380");
    assertThatThrownBy(() -> new ConfigLoader(Map.of("TIERGATE_STORES_REDIS_NODES", "[a, b"))
        .parse("", "t.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("t.yaml: stores.redis.nodes: TIERGATE_STORES_REDIS_NODES is not a list:"
            + " give a,b,c or [a, b, c]");
  }

  @Test void entriesTheFileNamesHaveEveryKeyOverridable() {
    TiergateConfig config = new ConfigLoader(Map.of(
        "TIERGATE_TABLES_EVENTS_SCAN_ALLOWED", "true",
        "TIERGATE_TABLES_EVENTS_COLUMNS_TENANT_ID", "VARCHAR(64)",
        "TIERGATE_SERVER_USERS_OPS_ROLES", "admin,reader"))
        .parse("""
            server:
              users: {ops: {password-hash: "%s", roles: [reader]}}
            tables:
              events: {store: redis, columns: {tenant_id: VARCHAR}}
            """.formatted(HASH), "t.yaml");
    assertThat(config.tables().get("events").scanAllowed()).isTrue();
    assertThat(config.tables().get("events").columns()).containsEntry("tenant_id", "VARCHAR(64)");
    assertThat(config.server().users().get("ops").roles()).containsExactly("admin", "reader");
  }

  @Test void anEntryTheFileDoesNotNameIsReportedNotMade() {
    ConfigReport report = new ConfigLoader(Map.of("TIERGATE_TABLES_ORDERS_STORE", "redis"))
        .check("tables:\n  events: {store: redis}\n", "t.yaml");
    assertThat(report.valid()).isTrue();
    assertThat(report.config().tables()).containsOnlyKeys("events");
    assertThat(report.warnings()).singleElement().asString()
        .startsWith("TIERGATE_TABLES_ORDERS_STORE is not a configuration key and is ignored")
        .contains("an entry of tables is only overridden when the file names it");
  }

  @Test void anUnknownVariableIsAWarningNamingTheNearestKey() {
    ConfigReport report = new ConfigLoader(Map.of(
        "TIERGATE_STORES_REDSHFIT_PASSWORD", "s3cret-value",
        "TIERGATE_TRINO_JAVA_HOME", "/opt/jdk-24", // read by the local stack, not a key
        "TIERGATE_LOG_LEVEL", "DEBUG", // read by logback.xml, not a key
        "PATH", "/usr/bin"))
        .check("stores:\n  redshift: {url: \"jdbc:postgresql://rs/dev\"}\n", "t.yaml");
    assertThat(report.valid()).as("a warning does not fail the file").isTrue();
    assertThat(report.warnings()).containsExactly("TIERGATE_STORES_REDSHFIT_PASSWORD is not a"
        + " configuration key and is ignored; the nearest is TIERGATE_STORES_REDSHIFT_PASSWORD"
        + " (stores.redshift.password)");
    assertThat(report.config().stores().redshift().password()).isNull();
  }

  @Test void aVariableNamingASectionIsAWarning() {
    ConfigReport report = new ConfigLoader(Map.of("TIERGATE_STORES_REDIS", "cache:6379"))
        .check("", "t.yaml");
    assertThat(report.warnings()).singleElement().asString()
        .startsWith("TIERGATE_STORES_REDIS names the section stores.redis, not a key")
        .contains("TIERGATE_STORES_REDIS_HOST");
  }

  @Test void theServerLogsTheWarning() {
    Logger logger = (Logger) LoggerFactory.getLogger(ConfigLoader.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    logger.addAppender(logged);
    try {
      new ConfigLoader(Map.of("TIERGATE_SERVER_PROT", "9000")).parse("", "tiergate.yaml");
    } finally {
      logger.detachAppender(logged);
    }
    assertThat(logged.list).singleElement().satisfies(event -> assertThat(
        event.getFormattedMessage()).isEqualTo("tiergate.yaml: TIERGATE_SERVER_PROT is not a"
        + " configuration key and is ignored; the nearest is TIERGATE_SERVER_PORT"
        + " (server.port)"));
  }

  @Test void aBadValueFromTheEnvironmentNamesTheVariable() {
    assertThatThrownBy(() -> new ConfigLoader(Map.of("TIERGATE_SERVER_PORT", "eighty"))
        .parse("server: {port: 9000}\n", "tiergate.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tiergate.yaml: server.port: expected a whole number, not 'eighty' (set by"
            + " TIERGATE_SERVER_PORT)");
  }

  /** A password set where a plain value belongs is still a password: errors blank it. */
  @Test void aSecretIsNeverShownInAnError() {
    assertThatThrownBy(() -> new ConfigLoader(Map.of("TIERGATE_STORES_REDSHIFT_PASSWORD",
        "correct-horse", "TIERGATE_SERVER_ANONYMOUS", "correct-horse"))
        .parse("", "tiergate.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tiergate.yaml: server.anonymous: '****' is not one of reader, none");
  }
}
