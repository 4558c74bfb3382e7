package io.tiergate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiergate.adapter.athena.AthenaSettings;
import io.tiergate.planner.cost.QueryPrices;
import io.tiergate.server.config.ConfigLoader.ConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  private static final String YAML = """
      server: {port: 9000}
      stores:
        redis: {host: cache.internal, port: 6379}
        redshift: {url: "jdbc:redshift://rs:5439/dev", user: tiergate, password: "${RS_PASSWORD}",
                   query-group: dashboards}
      tables:
        sessions: {store: redis, shape: hash, key-prefix: "session:", columns: {id: VARCHAR}}
      """;

  @Test void placeholdersAndEnvironmentOverrides() {
    Map<String, String> env = Map.of("RS_PASSWORD", "s3cret",
        "TIERGATE_STORES_REDIS_HOST", "10.0.0.5", "TIERGATE_SERVER_PORT", "9100");
    TiergateConfig config = new ConfigLoader(env::get).parse(YAML, "tiergate.yaml");
    assertThat(config.stores().redshift().password()).isEqualTo("s3cret");
    assertThat(config.stores().redshift().queryGroup()).isEqualTo("dashboards");
    assertThat(config.stores().redis().host()).isEqualTo("10.0.0.5");
    assertThat(config.stores().redis().port()).isEqualTo(6379);
    assertThat(config.server().port()).isEqualTo(9100);
    assertThat(config.tables().get("sessions").keyPrefix()).isEqualTo("session:");
    assertThat(config.tables().get("sessions").isTiered()).isFalse();
  }

  @Test void cloudWatchIsOffUnlessConfiguredAndTakesEnvironmentOverrides() {
    Map<String, String> password = Map.of("RS_PASSWORD", "s3cret");
    assertThat(new ConfigLoader(password::get).parse(YAML, "tiergate.yaml").server().metrics()
        .cloudwatch()).isNull();
    String yaml = YAML.replace("server: {port: 9000}",
        "server: {port: 9000, metrics: {cloudwatch: {region: eu-west-1}}}");
    Map<String, String> env = Map.of("RS_PASSWORD", "s3cret",
        "TIERGATE_SERVER_METRICS_CLOUDWATCH_STEP", "30s");
    TiergateConfig.CloudWatchConfig cw = new ConfigLoader(env::get).parse(yaml, "tiergate.yaml")
        .server().metrics().cloudwatch();
    assertThat(cw.namespace()).isEqualTo("Tiergate");
    assertThat(cw.region()).isEqualTo("eu-west-1");
    assertThat(cw.stepDuration()).isEqualTo(java.time.Duration.ofSeconds(30));
    assertThatThrownBy(() -> new ConfigLoader(password::get).parse(YAML.replace(
        "server: {port: 9000}", "server: {metrics: {cloudwatch: {step: often}}}"), "t.yaml"))
        .hasMessageContaining("server.metrics.cloudwatch.step: 'often' is not a duration");
  }

  @Test void aRedisClusterIsItsNodes() {
    TiergateConfig config = new ConfigLoader(k -> null).parse("""
        stores:
          redis: {cluster: true, nodes: ["10.0.0.1:6379", "10.0.0.2:6380"]}
        """, "tiergate.yaml");
    assertThat(config.stores().redis().cluster()).isTrue();
    assertThat(config.stores().redis().nodes()).containsExactly("10.0.0.1:6379", "10.0.0.2:6380");
  }

  @Test void aStandaloneRedisStaysHostAndPort() {
    TiergateConfig config = new ConfigLoader(k -> null).parse(YAML.replace("${RS_PASSWORD}", "x"),
        "tiergate.yaml");
    assertThat(config.stores().redis().cluster()).isFalse();
    assertThat(config.stores().redis().nodes()).isEmpty();
    assertThat(config.stores().redis().host()).isEqualTo("cache.internal");
  }

  @Test void dynamoDbReadKeysHaveDefaultsAndAreChecked() {
    TiergateConfig.DynamoDbConfig defaults = new ConfigLoader(k -> null)
        .parse("stores:\n  dynamodb: {region: eu-west-1}\n", "tiergate.yaml").stores().dynamodb();
    assertThat(defaults.consistentRead()).isFalse();
    assertThat(defaults.retryMode()).isEqualTo("standard");
    assertThat(defaults.maxDayBuckets()).isEqualTo(7);
    assertThat(defaults.scanSegments()).isEqualTo(4);
    TiergateConfig.DynamoDbConfig set = new ConfigLoader(k -> null).parse("stores:\n  dynamodb:"
        + " {consistent-read: true, retry-mode: adaptive, max-day-buckets: 3, scan-segments: 8}\n",
        "tiergate.yaml").stores().dynamodb();
    assertThat(set.consistentRead()).isTrue();
    assertThat(set.retryMode()).isEqualTo("adaptive");
    assertThat(set.maxDayBuckets()).isEqualTo(3);
    assertThat(set.scanSegments()).isEqualTo(8);
    assertThatThrownBy(() -> new ConfigLoader(k -> null)
        .parse("stores:\n  dynamodb: {retry-mode: legacy}\n", "tiergate.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("stores.dynamodb.retry-mode: must be 'standard' or 'adaptive',"
            + " not 'legacy'");
  }

  @Test void theHotCacheIsOffByDefaultAndItsDurationsAreChecked() {
    TiergateConfig.CacheConfig off = new ConfigLoader(k -> null)
        .parse("stores:\n  dynamodb: {}\n", "tiergate.yaml").stores().dynamodb().cache();
    assertThat(off.enabled()).isFalse();
    assertThat(off.options()).isEqualTo(io.tiergate.adapter.dynamodb.DynamoDbCacheOptions
        .DEFAULTS);
    TiergateConfig.CacheConfig on = new ConfigLoader(k -> null).parse("stores:\n  dynamodb:\n"
        + "    cache: {enabled: true, ttl: 10m, max-staleness: 1s, poll-interval: 100ms,"
        + " redis-timeout: 50ms}\n", "tiergate.yaml").stores().dynamodb().cache();
    assertThat(on.enabled()).isTrue();
    assertThat(on.options()).isEqualTo(new io.tiergate.adapter.dynamodb.DynamoDbCacheOptions(
        java.time.Duration.ofMinutes(10), java.time.Duration.ofSeconds(1),
        java.time.Duration.ofMillis(100), java.time.Duration.ofMillis(50)));
    assertThatThrownBy(() -> new ConfigLoader(k -> null).parse(
        "stores:\n  dynamodb: {cache: {ttl: 5 minutes}}\n", "tiergate.yaml"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("tiergate.yaml")
        .hasMessageContaining("stores.dynamodb.cache.ttl: '5 minutes' is not a duration such"
            + " as 250ms, 2s, 5m, 1h or 30d");
    assertThatThrownBy(() -> new ConfigLoader(k -> null).parse(
        "stores:\n  dynamodb: {cache: {max-staleness: 1s, poll-interval: 500ms}}\n",
        "tiergate.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("stores.dynamodb.cache.poll-interval: must be at most a quarter"
            + " of max-staleness (PT1S), not PT0.5S");
    assertThatThrownBy(() -> new ConfigLoader(k -> null).parse(
        "stores:\n  dynamodb: {cache: {redis-timeout: 0ms}}\n", "tiergate.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("stores.dynamodb.cache.redis-timeout: must be at least 1ms");
    assertThatThrownBy(() -> new ConfigLoader(k -> null).parse(
        "stores:\n  dynamodb: {cache: {enable: true}}\n", "tiergate.yaml"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("enable");
  }

  @Test void lifecycleSettingsAndAgesAreCheckedAsTheFileLoads() {
    TiergateConfig.LifecycleConfig defaults = new ConfigLoader(k -> null).parse("server: {}\n",
        "tiergate.yaml").lifecycle();
    assertThat(defaults.intervalDuration()).isNull();
    assertThat(defaults.leaseDuration()).isEqualTo(java.time.Duration.ofMinutes(2));
    assertThat(defaults.maxDrainDuration()).isEqualTo(java.time.Duration.ofMinutes(5));
    assertThat(defaults.jobRetentionDuration()).isEqualTo(java.time.Duration.ofDays(30));
    assertThat(new ConfigLoader(k -> null).parse("lifecycle: {job-retention: 7d}\n",
        "tiergate.yaml").lifecycle().jobRetentionDuration())
        .isEqualTo(java.time.Duration.ofDays(7));
    assertThatThrownBy(() -> new ConfigLoader(k -> null).parse(
        "lifecycle: {job-retention: a month}\n", "tiergate.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("lifecycle.job-retention: 'a month' is not a duration such as"
            + " 250ms, 2s, 5m, 1h or 30d");
    assertThatThrownBy(() -> new ConfigLoader(k -> null).parse(
        "lifecycle: {interval: hourly}\n", "tiergate.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("lifecycle.interval: 'hourly' is not a duration");
    assertThatThrownBy(() -> new ConfigLoader(k -> null).parse(
        "tables:\n  events: {time-column: t, lifecycle: {hot: 30 days}}\n", "tiergate.yaml"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("tables.events")
        .hasMessageContaining("lifecycle.hot: '30 days' is not an age");
    assertThatThrownBy(() -> new ConfigLoader(k -> null).parse(
        "tables:\n  events: {time-column: t, lifecycle: {hot: 400d}}\n", "tiergate.yaml"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("must not decrease");
  }

  @Test void athenaModeAndSdkKeysHaveDefaultsAndAreChecked() {
    TiergateConfig.AthenaConfig jdbc = new ConfigLoader(k -> null).parse(
        "stores:\n  athena: {url: \"jdbc:trino://t:8080/hive\"}\n", "tiergate.yaml")
        .stores().athena();
    assertThat(jdbc.sdk()).isFalse();
    assertThat(jdbc.jdbc().url()).isEqualTo("jdbc:trino://t:8080/hive");
    TiergateConfig.AthenaConfig sdk = new ConfigLoader(k -> null).parse("""
        stores:
          athena: {mode: sdk, workgroup: bi, output-location: "s3://results/tiergate/",
                   region: eu-west-1, result-reuse-minutes: 30, query-timeout-seconds: 120}
        """, "tiergate.yaml").stores().athena();
    assertThat(sdk.sdk()).isTrue();
    assertThat(sdk.region()).isEqualTo("eu-west-1");
    assertThat(sdk.settings("hive", "archive")).isEqualTo(AthenaSettings.of("bi",
        "s3://results/tiergate/", "hive", "archive", Duration.ofMinutes(30),
        Duration.ofSeconds(120)));
    TiergateConfig.AthenaConfig defaults = new ConfigLoader(k -> null)
        .parse("stores:\n  athena: {mode: sdk}\n", "tiergate.yaml").stores().athena();
    assertThat(defaults.workgroup()).isEqualTo("primary");
    assertThat(defaults.outputLocation()).isNull();
    assertThat(defaults.resultReuseMinutes()).isEqualTo(60);
    assertThat(defaults.queryTimeoutSeconds()).isEqualTo(300);
  }

  @Test void badAthenaValuesNameTheKey() {
    assertThatThrownBy(() -> new ConfigLoader(k -> null)
        .parse("stores:\n  athena: {mode: odbc}\n", "tiergate.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("stores.athena.mode: must be 'jdbc' or 'sdk', not 'odbc'");
    assertThatThrownBy(() -> new ConfigLoader(k -> null)
        .parse("stores:\n  athena: {mode: sdk, output-location: \"results/\"}\n",
            "tiergate.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("stores.athena.output-location: must start with s3://, not"
            + " 'results/'");
    assertThatThrownBy(() -> new ConfigLoader(k -> null)
        .parse("stores:\n  athena: {mode: sdk, result-reuse-minutes: 20000}\n",
            "tiergate.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("stores.athena.result-reuse-minutes: 0 to 10080 (7 days), not"
            + " 20000");
    assertThatThrownBy(() -> new ConfigLoader(k -> null)
        .parse("stores:\n  athena: {mode: sdk, query-timeout-seconds: 0}\n", "tiergate.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("stores.athena.query-timeout-seconds: must be positive, not 0");
    assertThatThrownBy(() -> new ConfigLoader(k -> null)
        .parse("stores:\n  athena: {mode: sdk, work-group: bi}\n", "tiergate.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("tiergate.yaml: stores.athena.work-group");
  }

  @Test void admissionHasDefaultsAndBadValuesNameTheKey() {
    TiergateConfig.AdmissionConfig defaults = new ConfigLoader(k -> null)
        .parse("", "tiergate.yaml").stores().admission();
    assertThat(defaults.limits()).isEqualTo(new io.tiergate.adapter.AdmissionLimits(16, 128,
        Duration.ofSeconds(60)));
    TiergateConfig.AdmissionConfig set = new ConfigLoader(
        Map.of("TIERGATE_STORES_ADMISSION_MAX_WAIT", "2m")::get).parse(
        "stores:\n  admission: {connections: 4, queue: 0}\n", "tiergate.yaml")
        .stores().admission();
    assertThat(set.limits()).isEqualTo(new io.tiergate.adapter.AdmissionLimits(4, 0,
        Duration.ofMinutes(2)));
    Map<String, String> bad = Map.of(
        "{connections: 0}", "stores.admission.connections: 0 must be 1 or more",
        "{queue: -1}", "stores.admission.queue: -1 must be 0 or more",
        "{max-wait: soon}", "stores.admission.max-wait: 'soon' is not a duration such as",
        "{max-wait: 0s}", "stores.admission.max-wait: PT0S must be longer than 0");
    bad.forEach((yaml, message) -> assertThatThrownBy(() -> new ConfigLoader(k -> null)
        .parse("stores:\n  admission: " + yaml + "\n", "tiergate.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message));
  }

  @Test void queryPricesDefaultToAwsListAndNegativeOnesNameTheKey() {
    QueryPrices defaults = new ConfigLoader(k -> null).parse("", "tiergate.yaml").prices()
        .queryPrices();
    assertThat(defaults).isEqualTo(QueryPrices.AWS_LIST);
    QueryPrices set = new ConfigLoader(Map.of("TIERGATE_PRICES_ATHENA_PER_TB_SCANNED", "6")::get)
        .parse("prices:\n  redshift: {cluster-hourly: 2.5, concurrency: 10}\n"
            + "  glacier: {standard: {per-gb: 0.02}}\n", "tiergate.yaml").prices().queryPrices();
    assertThat(set.athenaPerTbScanned()).isEqualTo(6.0);
    assertThat(set.redshiftClusterHourly()).isEqualTo(2.5);
    assertThat(set.redshiftConcurrency()).isEqualTo(10);
    assertThat(set.glacier().standard()).isEqualTo(new QueryPrices.RetrievalPrice(0.02, 0.05));
    Map<String, String> bad = Map.of(
        "athena: {per-tb-scanned: -5}", "prices.athena.per-tb-scanned: -5.0 USD cannot be"
            + " negative",
        "dynamodb: {per-million-rru: -0.25}", "prices.dynamodb.per-million-rru: -0.25 USD"
            + " cannot be negative",
        "deep-archive: {bulk: {per-1000-requests: -1}}", "prices.deep-archive.bulk"
            + ".per-1000-requests: -1.0 USD cannot be negative",
        "redshift: {concurrency: 0}", "prices.redshift.concurrency: 0 must be 1 or more");
    bad.forEach((yaml, message) -> assertThatThrownBy(() -> new ConfigLoader(k -> null)
        .parse("prices:\n  " + yaml + "\n", "tiergate.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message));
  }

  @Test void defaultsWhenSectionsAreMissing() {
    TiergateConfig config = new ConfigLoader(k -> null).parse("", "empty.yaml");
    assertThat(config.server().port()).isEqualTo(8765);
    assertThat(config.tables()).isEmpty();
  }

  @Test void unknownKeyIsAnErrorNamingFileAndKey() {
    assertThatThrownBy(() -> new ConfigLoader(k -> null)
        .parse("stores:\n  redis: {hots: x}\n", "tiergate.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("tiergate.yaml: stores.redis.hots")
        .hasMessageContaining("hots");
  }

  @Test void everyProblemIsInTheOneExceptionOnePerLine() {
    assertThatThrownBy(() -> new ConfigLoader(k -> null).parse("""
        server: {port: eighty, anonymous: admin}
        stores:
          redis: {hots: x}
          redshift: {password: "${RS_PASSWORD}"}
        """, "tiergate.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(String.join("\n",
            "tiergate.yaml: server.port: expected a whole number, not 'eighty'",
            "tiergate.yaml: server.anonymous: 'admin' is not one of reader, none",
            "tiergate.yaml: stores.redis.hots: unknown key; did you mean stores.redis.host?",
            "tiergate.yaml: stores.redshift.password: refers to environment variable"
                + " RS_PASSWORD, which is not set"));
  }

  @Test void missingEnvironmentVariableIsNamed() {
    assertThatThrownBy(() -> new ConfigLoader(k -> null).parse(YAML, "tiergate.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("RS_PASSWORD")
        .hasMessageContaining("password");
  }

  @Test void wrongTypeNamesTheKey() {
    assertThatThrownBy(() -> new ConfigLoader(k -> null)
        .parse("server: {port: eighty}\n", "tiergate.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("tiergate.yaml: server.port");
  }

  @Test void badYamlIsReported() {
    assertThatThrownBy(() -> new ConfigLoader(k -> null).parse("server: [", "tiergate.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tiergate.yaml: not valid YAML");
  }

  private static final String HASH =
      "pbkdf2-sha256$210000$PPa9ZgB6socPNRh5Sc55oQ$iTFwx/5fPtpQiQYD32i9qPaOj2KbhVDY58w0w4xxuVc";

  @Test void usersHaveHashesAndKnownRolesAndAnonymousFollowsThem() {
    TiergateConfig config = new ConfigLoader(k -> null).parse("server:\n  users:\n"
        + "    ops: {password-hash: \"" + HASH + "\", roles: [admin]}\n", "tiergate.yaml");
    assertThat(config.server().users().get("ops").roles()).containsExactly("admin");
    assertThat(config.server().anonymous()).as("refused once users exist").isEqualTo("none");
    assertThat(new ConfigLoader(k -> null).parse("", "empty.yaml").server().anonymous())
        .isEqualTo("reader");
  }

  @Test void badAuthConfigNamesTheKey() {
    assertThatThrownBy(() -> new ConfigLoader(k -> null).parse("server:\n  users:\n"
        + "    ops: {password-hash: \"" + HASH + "\", roles: [superuser]}\n", "tiergate.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("tiergate.yaml: server.users.ops")
        .hasMessageContaining("unknown role 'superuser'; roles are [admin, reader]");
    assertThatThrownBy(() -> new ConfigLoader(k -> null).parse("server:\n  users:\n"
        + "    ops: {password-hash: \"hunter2\", roles: [admin]}\n", "tiergate.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("tiergate.yaml: server.users.ops")
        .hasMessageContaining("not a password hash: expected pbkdf2-sha256$<iterations>")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> new ConfigLoader(k -> null).parse("server:\n  users:\n"
        + "    ops: {password-hash: \"" + HASH.replace("210000", "1000") + "\"}\n",
        "tiergate.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("password hash has 1000 iterations; at least 10000 are required");
    assertThatThrownBy(() -> new ConfigLoader(k -> null).parse("server:\n  users:\n"
        + "    ops: {password: plain-text}\n", "tiergate.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("tiergate.yaml: server.users.ops")
        .hasMessageContaining("password-hash is missing (make one with 'tiergate hash-password')")
        .hasMessageNotContaining("plain-text");
    assertThatThrownBy(() -> new ConfigLoader(k -> null)
        .parse("server: {anonymous: admin}\n", "tiergate.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.anonymous: 'admin' is not one of reader, none");
  }
}
