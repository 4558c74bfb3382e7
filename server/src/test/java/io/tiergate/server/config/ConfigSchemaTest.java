package io.tiergate.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {
  private static ConfigSchema.Node at(String dotted) {
    return ConfigLoader.SCHEMA.find(new KeyPath(List.of(dotted.split("\\."))));
  }

  @Test void keysComeFromTheRecordsWithTheirFileNames() {
    assertThat(at("stores.dynamodb.cache.max-staleness").kind())
        .isEqualTo(ConfigSchema.Kind.VALUE);
    assertThat(at("stores.athena.query-timeout-seconds").type().getRawClass())
        .isEqualTo(Integer.class);
    assertThat(at("lifecycle.job-retention")).isNotNull();
    assertThat(at("server.users").kind()).isEqualTo(ConfigSchema.Kind.MAP);
    assertThat(at("server.users.anyone.roles").kind()).isEqualTo(ConfigSchema.Kind.LIST);
    assertThat(at("tables.anything.columns.any").kind()).isEqualTo(ConfigSchema.Kind.VALUE);
    assertThat(at("tables.anything.time-column")).isNotNull();
    assertThat(at("tables.anything.tiered")).as("derived, not a key").isNull();
    assertThat(at("stores.redis.hots")).isNull();
  }

  @Test void secretsAreKnownByName() {
    for (String key : new String[] {"password", "secret-key", "access-key", "password-hash",
        "api-token", "client-secret"}) {
      assertThat(ConfigSchema.isSecret(key)).as(key).isTrue();
    }
    assertThat(ConfigSchema.isSecret("user")).isFalse();
    assertThat(ConfigSchema.isSecret("url")).isFalse();
  }

  @Test void everyKeyHasItsEnvironmentName() {
    assertThat(new KeyPath(List.of("stores", "redshift", "password")).environmentName())
        .isEqualTo("TIERGATE_STORES_REDSHIFT_PASSWORD");
    assertThat(new KeyPath(List.of("stores", "dynamodb", "cache", "max-staleness"))
        .environmentName()).isEqualTo("TIERGATE_STORES_DYNAMODB_CACHE_MAX_STALENESS");
  }
}
