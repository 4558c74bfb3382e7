package io.tiergate.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tiergate.adapter.StoreRequests;
import io.tiergate.local.RedisClusterStandIn;
import io.tiergate.server.config.ConfigLoader;
import io.tiergate.server.config.ConfigLoader.ConfigException;
import io.tiergate.server.config.TiergateConfig;
import io.tiergate.server.config.TiergateConfig.RedisConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.Test;

/**
 * stores.redis: checked before anything connects, each error naming its key; a cluster config
 * serves the tables from the cluster.
 */
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

  @Test void aClusterConfigServesItsTablesFromTheCluster() throws Exception {
    try (RedisClusterStandIn cluster = RedisClusterStandIn.start(
        Path.of("target", "stand-ins", "redis-cluster-config").toAbsolutePath())) {
      RedisClusterClient client = RedisClusterClient.create(cluster.seeds());
      try (StatefulRedisClusterConnection<String, String> writer = client.connect()) {
        writer.sync().set("counter:x", "10");
        writer.sync().psetex("counter:y", 600_000, "20");
      } finally {
        client.shutdown();
      }
      TiergateConfig config = new ConfigLoader(k -> null).parse("""
          stores:
            redis: {cluster: true, nodes: [%s]}
          tables:
            counters:
              store: redis
              shape: string
              key-prefix: "counter:"
              ttl-column: ttl_ms
              columns: {k: VARCHAR, n: BIGINT, ttl_ms: BIGINT}
          """.formatted(String.join(", ", cluster.addresses().subList(0, 2))), "tiergate.yaml");
      Properties lex = new Properties();
      lex.setProperty("lex", "JAVA");
      try (GatewayCatalog catalog = new GatewayCatalog(config, requests);
          Connection connection = DriverManager.getConnection("jdbc:calcite:", lex)) {
        catalog.install(connection.unwrap(CalciteConnection.class).getRootSchema());
        try (Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery(
                "select k, n, ttl_ms from counters where k in ('x', 'y', 'z') order by k")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("x");
          assertThat(rs.getLong(2)).isEqualTo(10L);
          assertThat(rs.getObject(3)).isNull();
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("y");
          assertThat(rs.getLong(2)).isEqualTo(20L);
          assertThat(rs.getLong(3)).isBetween(1L, 600_000L);
          assertThat(rs.next()).isFalse();
        }
        // GET of x, y, z and PTTL of x, y, z
        assertThat(requests.count("redis")).isEqualTo(6.0);
      }
    }
  }
}
