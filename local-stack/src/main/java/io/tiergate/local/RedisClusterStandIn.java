package io.tiergate.local;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Redis Cluster of six real redis-server processes, three primaries with one replica each, as
 * ElastiCache runs it in cluster mode (ADR-002). Formed the way redis-cli would form it (redis-cli
 * is not bundled): CLUSTER MEET, CLUSTER ADDSLOTS, CLUSTER REPLICATE, then waits until every
 * node reports {@code cluster_state:ok} and every replica has synced. The node timeout is short
 * (1.5 s), so a killed primary is replaced within a few seconds.
 */
public final class RedisClusterStandIn implements AutoCloseable {
  static final String ENGINE = "Redis Cluster";
  public static final int PRIMARIES = 3;
  public static final int NODE_TIMEOUT_MILLIS = 1500;
  private static final Logger LOG = LoggerFactory.getLogger(RedisClusterStandIn.class);
  private static final Duration FORM_TIMEOUT = Duration.ofSeconds(30);

  /** Index i &lt; 3 starts as a primary, i + 3 as its replica. */
  private final List<RedisStandIn> nodes;
  private final RedisClient admin = RedisClient.create();

  private RedisClusterStandIn(List<RedisStandIn> nodes) {
    this.nodes = nodes;
  }

  public static RedisClusterStandIn start(Path workDir) {
    long started = System.nanoTime();
    List<RedisStandIn> nodes = new ArrayList<>();
    RedisClusterStandIn cluster = new RedisClusterStandIn(nodes);
    try {
      for (int i = 0; i < 2 * PRIMARIES; i++) {
        Path dir = workDir.resolve("node-" + i);
        Path nodesConf = dir.resolve("nodes.conf");
        // A cluster node reloads its identity and peers from this file: a leftover from an
        // earlier run would make it rejoin a cluster that no longer exists.
        Files.createDirectories(dir);
        Files.deleteIfExists(nodesConf);
        nodes.add(RedisStandIn.start(dir,
            "--cluster-enabled", "yes",
            "--cluster-config-file", nodesConf.toString(),
            "--cluster-node-timeout", Integer.toString(NODE_TIMEOUT_MILLIS)));
      }
      cluster.form();
    } catch (IOException e) {
      cluster.close();
      throw new EngineStartException(ENGINE, "", new UncheckedIOException(e));
    } catch (EngineStartException e) {
      cluster.close();
      throw e;
    } catch (RuntimeException e) {
      cluster.close();
      throw new EngineStartException(ENGINE, LogTail.of(nodes.get(0).logFile()), e);
    }
    LOG.info("Redis Cluster ready: primaries {}, replicas {} in {} ms", cluster.primaries(),
        cluster.replicas(), (System.nanoTime() - started) / 1_000_000);
    return cluster;
  }

  private void form() {
    List<String> ids = nodes.stream().map(n -> sync(n, c -> c.clusterMyId())).toList();
    RedisStandIn first = nodes.get(0);
    for (RedisStandIn other : nodes.subList(1, nodes.size())) {
      sync(first, c -> c.clusterMeet(other.host(), other.port()));
    }
    int slotsPerPrimary = SlotHash.SLOT_COUNT / PRIMARIES;
    for (int p = 0; p < PRIMARIES; p++) {
      int from = p * slotsPerPrimary;
      int to = p == PRIMARIES - 1 ? SlotHash.SLOT_COUNT : from + slotsPerPrimary;
      int[] slots = IntStream.range(from, to).toArray();
      sync(nodes.get(p), c -> c.clusterAddSlots(slots));
    }
    // REPLICATE needs the replica to know its primary already: wait for the gossip of MEET.
    Readiness.await(ENGINE, FORM_TIMEOUT, this::allAlive, () -> {
      for (RedisStandIn node : nodes) {
        long known = sync(node, c -> c.clusterNodes()).lines().filter(l -> !l.isBlank()).count();
        if (known < nodes.size()) {
          throw new IllegalStateException(address(node) + " knows " + known + " nodes");
        }
      }
    });
    for (int p = 0; p < PRIMARIES; p++) {
      String primaryId = ids.get(p);
      sync(nodes.get(p + PRIMARIES), c -> c.clusterReplicate(primaryId));
    }
    awaitHealthy(nodes);
  }

  /**
   * Waits until every live node reports {@code cluster_state:ok}, sees every slot served by a
   * live primary, and every live primary has a replica in sync; after a failover, the replicas
   * of a killed primary never come back, so a primary without a replica is fine then.
   */
  public void awaitHealthy() {
    awaitHealthy(nodes.stream().filter(RedisStandIn::isAlive).toList());
  }

  private void awaitHealthy(List<RedisStandIn> live) {
    Readiness.await(ENGINE, FORM_TIMEOUT, () -> !live.isEmpty(), () -> {
      for (RedisStandIn node : live) {
        String info = sync(node, c -> c.clusterInfo());
        if (!info.contains("cluster_state:ok")) {
          throw new IllegalStateException(address(node) + " reports " + firstLine(info));
        }
        String replication = sync(node, c -> c.info("replication"));
        if (replication.contains("role:slave") && !replication.contains("master_link_status:up")) {
          throw new IllegalStateException(address(node) + " has not synced with its primary yet");
        }
      }
      for (RedisStandIn node : live) {
        for (String line : sync(node, c -> c.clusterNodes()).lines().toList()) {
          // "<id> <ip:port@bus> <flags> <primary> <ping> <pong> <epoch> <link> <slot ranges...>"
          String[] parts = line.split(" ");
          if (parts.length > 8 && parts[2].contains("master") && !isLivePort(portOf(line))) {
            throw new IllegalStateException(address(node) + " still has slots on a dead primary: "
                + line);
          }
        }
      }
    });
  }

  /**
   * Waits until each live primary's replicas have acknowledged everything written to it, so a
   * test that then kills a primary loses no write (replication is asynchronous).
   */
  public void awaitReplicasCaughtUp() {
    Readiness.await(ENGINE, FORM_TIMEOUT, this::anyAlive, () -> {
      for (RedisStandIn node : nodes) {
        if (!node.isAlive()) {
          continue;
        }
        String replication = sync(node, c -> c.info("replication"));
        if (!replication.contains("role:master")) {
          continue;
        }
        long offset = Long.parseLong(field(replication, "master_repl_offset"));
        for (String line : replication.lines().filter(l -> l.matches("slave\\d+:.*")).toList()) {
          long replicaOffset = Long.parseLong(line.replaceAll(".*offset=(\\d+).*", "$1"));
          if (replicaOffset < offset) {
            throw new IllegalStateException(address(node) + " replica behind: " + line);
          }
        }
      }
    });
  }

  /** Any node as a seed URI; Lettuce discovers the rest. */
  public List<RedisURI> seeds() {
    return nodes.stream().filter(RedisStandIn::isAlive).map(RedisStandIn::uri).toList();
  }

  /** host:port of every node, in start order. */
  public List<String> addresses() {
    return nodes.stream().map(RedisClusterStandIn::address).toList();
  }

  /** host:port of the live primaries (which ones they are changes with failovers). */
  public List<String> primaries() {
    return nodes.stream().filter(RedisStandIn::isAlive)
        .filter(n -> sync(n, c -> c.info("replication")).contains("role:master"))
        .map(RedisClusterStandIn::address).toList();
  }

  public List<String> replicas() {
    return nodes.stream().filter(RedisStandIn::isAlive)
        .filter(n -> sync(n, c -> c.info("replication")).contains("role:slave"))
        .map(RedisClusterStandIn::address).toList();
  }

  /**
   * SIGKILLs the primary currently serving {@code key}'s slot (no clean shutdown, as a lost
   * host) and returns its host:port. Its replica takes over after the node timeout.
   */
  public String killPrimaryServing(String key) {
    int slot = SlotHash.getSlot(key);
    for (RedisStandIn node : nodes) {
      if (!node.isAlive()) {
        continue;
      }
      String myself = sync(node, c -> c.clusterNodes()).lines()
          .filter(l -> l.contains("myself")).findFirst().orElseThrow();
      if (myself.contains("master") && servesSlot(myself, slot)) {
        node.kill();
        return address(node);
      }
    }
    throw new IllegalStateException("no live primary serves slot " + slot + " of key " + key);
  }

  List<Long> pids() {
    return nodes.stream().map(RedisStandIn::pid).toList();
  }

  @Override
  public void close() {
    for (RedisStandIn node : nodes) {
      try {
        node.close();
      } catch (RuntimeException e) {
        LOG.warn("could not stop Redis at {}", address(node), e);
      }
    }
    admin.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }

  private static boolean servesSlot(String nodesLine, int slot) {
    String[] parts = nodesLine.split(" ");
    for (int i = 8; i < parts.length; i++) {
      String range = parts[i];
      if (range.startsWith("[")) {
        continue; // a slot being migrated
      }
      int dash = range.indexOf('-');
      int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
      int to = dash < 0 ? from : Integer.parseInt(range.substring(dash + 1));
      if (slot >= from && slot <= to) {
        return true;
      }
    }
    return false;
  }

  private boolean isLivePort(int port) {
    return nodes.stream().anyMatch(n -> n.port() == port && n.isAlive());
  }

  private static int portOf(String nodesLine) {
    // "<id> 127.0.0.1:30001@40001 ..."
    String address = nodesLine.split(" ")[1];
    return Integer.parseInt(address.substring(address.indexOf(':') + 1, address.indexOf('@')));
  }

  private boolean allAlive() {
    return nodes.stream().allMatch(RedisStandIn::isAlive);
  }

  private boolean anyAlive() {
    return nodes.stream().anyMatch(RedisStandIn::isAlive);
  }

  private static String field(String info, String name) {
    Optional<String> line = info.lines().filter(l -> l.startsWith(name + ":")).findFirst();
    return line.orElseThrow(() -> new IllegalStateException("no " + name + " in " + info))
        .substring(name.length() + 1).trim();
  }

  private static String firstLine(String text) {
    return text.lines().findFirst().orElse("");
  }

  private static String address(RedisStandIn node) {
    return node.host() + ":" + node.port();
  }

  private <T> T sync(RedisStandIn node, java.util.function.Function<RedisCommands<String, String>, T> call) {
    RedisURI uri = RedisURI.builder().withHost(node.host()).withPort(node.port())
        .withTimeout(Duration.ofSeconds(2)).build();
    try (StatefulRedisConnection<String, String> connection = admin.connect(uri)) {
      return call.apply(connection.sync());
    }
  }
}
