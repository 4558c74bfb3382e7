package io.tiergate.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.tiergate.adapter.StoreRequests;
import io.tiergate.local.RedisClusterStandIn;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterRedisTablesTest extends RedisTablesContract {
  private RedisClusterStandIn cluster;
  private RedisClusterClient client;
  private StatefulRedisClusterConnection<String, String> writer;

  @Override RedisConnector connect(StoreRequests requests) {
    cluster = RedisClusterStandIn.start(Path.of("target", "stand-ins", "redis-cluster-tables")
        .toAbsolutePath());
    client = RedisClusterClient.create(cluster.seeds());
    writer = client.connect();
    return RedisConnector.cluster(
        cluster.addresses().stream().map(RedisConnector.HostAndPort::parse).toList(),
        requests);
  }

  @Override RedisClusterCommands<String, String> writer() {
    return writer.sync();
  }

  @Override void stopEngine() {
    writer.close();
    client.shutdown();
    cluster.close();
  }

  /** The IN lists above really cross slots and primaries: no hash tags keep them together. */
  @Test void theKeysReadTogetherLiveOnDifferentPrimaries() {
    List<String> nodes = List.of("session:a", "session:b", "session:c", "session:zz").stream()
        .map(connector::nodeOf).distinct().toList();
    assertThat(nodes).hasSizeGreaterThan(1);
    assertThat(cluster.primaries()).containsAll(nodes);
  }
}
