package io.tiergate.server.catalog;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tiergate.adapter.StoreRequests;
import io.tiergate.server.config.ConfigLoader;
import io.tiergate.server.config.ConfigLoader.ConfigException;
import io.tiergate.server.config.TiergateConfig.RedisConfig;
import org.junit.jupiter.api.Test;

/** stores.redis is checked before anything connects; each error names its key. */
class RedisStoreConfigTest {
  private final StoreRequests requests = new StoreRequests(new SimpleMeterRegistry());

  private RedisConfig parse(String redis) {
    return new ConfigLoader(k -> null).parse("stores:\n  redis: " + redis + "\n", "tiergate.yaml")
        .stores().redis();
  }

  @Test void aClusterWithoutNodesNamesTheKey() {
    assertThatThrownBy(() -> GatewayCatalog.redisConnector(parse("{cluster: true}"), requests))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("stores.redis.nodes: missing");
  }

  @Test void aNodeThatIsNotHostAndPortIsNamedByItsIndex() {
    assertThatThrownBy(() -> GatewayCatalog.redisConnector(
        parse("{cluster: true, nodes: [\"10.0.0.1:6379\", \"10.0.0.2\"]}"), requests))
        .isInstanceOf(ConfigException.class)
        .hasMessage("stores.redis.nodes[1]: '10.0.0.2' is not host:port");
    assertThatThrownBy(() -> GatewayCatalog.redisConnector(
        parse("{cluster: true, nodes: [\"10.0.0.1:99999\"]}"), requests))
        .isInstanceOf(ConfigException.class)
        .hasMessage("stores.redis.nodes[0]: '10.0.0.1:99999' has port 99999 outside 1-65535");
  }

  @Test void nodesWithoutClusterAreAnError() {
    assertThatThrownBy(() -> GatewayCatalog.redisConnector(
        parse("{nodes: [\"10.0.0.1:6379\"]}"), requests))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("stores.redis.nodes: only for a cluster");
  }
}
