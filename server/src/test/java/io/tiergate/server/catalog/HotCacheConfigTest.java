package io.tiergate.server.catalog;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tiergate.adapter.StoreRequests;
import io.tiergate.server.config.ConfigLoader;
import io.tiergate.server.config.ConfigLoader.ConfigException;
import org.junit.jupiter.api.Test;

/** stores.dynamodb.cache: refused before anything connects when it has nowhere to cache. */
class HotCacheConfigTest {
  @Test void aCacheWithoutRedisNamesBothKeys() {
    var config = new ConfigLoader(k -> null).parse("""
        stores:
          dynamodb: {endpoint: "http://127.0.0.1:9", access-key: a, secret-key: b,
                     cache: {enabled: true}}
        """, "tiergate.yaml");
    assertThatThrownBy(() -> new GatewayCatalog(config,
        new StoreRequests(new SimpleMeterRegistry())))
        .isInstanceOf(ConfigException.class)
        .hasMessage("stores.dynamodb.cache.enabled: true needs stores.redis, where the cached"
            + " items live");
  }
}
