package io.tiergate.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedisClusterStandInTest {

  @Test
  void threePrimariesWithOneReplicaEachServeEverySlotAndAReplicaTakesOverAKilledPrimary() {
    List<Long> pids;
    try (RedisClusterStandIn cluster = RedisClusterStandIn.start(TestDirs.of("redis-cluster"))) {
      assertThat(cluster.primaries()).hasSize(3);
      assertThat(cluster.replicas()).hasSize(3);
      RedisClusterClient client = RedisClusterClient.create(cluster.seeds());
      try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
        List<RedisClusterNode> topology = connection.getPartitions().getPartitions();
        assertThat(topology).hasSize(6);
        assertThat(topology.stream().filter(n -> n.is(RedisClusterNode.NodeFlag.UPSTREAM))
            .mapToInt(n -> n.getSlots().size()).sum()).isEqualTo(16384);
        // keys in all three primaries' slots
        for (String key : List.of("a", "b", "c", "d", "e", "f")) {
          connection.sync().set(key, "v-" + key);
        }
        cluster.awaitReplicasCaughtUp();

        String killed = cluster.killPrimaryServing("a");
        assertThat(cluster.primaries()).hasSize(2).doesNotContain(killed);
        cluster.awaitHealthy();

        assertThat(cluster.primaries()).hasSize(3).doesNotContain(killed);
        assertThat(cluster.replicas()).hasSize(2);
      } finally {
        client.shutdown();
      }
      // A fresh client sees the new topology; the write made before the kill survived it.
      RedisClusterClient after = RedisClusterClient.create(cluster.seeds());
      try (StatefulRedisClusterConnection<String, String> connection = after.connect()) {
        for (String key : List.of("a", "b", "c", "d", "e", "f")) {
          assertThat(connection.sync().get(key)).isEqualTo("v-" + key);
        }
      } finally {
        after.shutdown();
      }
      pids = cluster.pids();
    }
    assertThat(pids).hasSize(6).allSatisfy(pid ->
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEqualTo(Optional.empty()));
  }
}
