package io.tiergate.adapter.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandFailedEvent;
import io.lettuce.core.event.command.CommandStartedEvent;
import io.lettuce.core.event.command.CommandSucceededEvent;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.tiergate.adapter.StoreRequests;
import io.tiergate.adapter.StoreUnavailableException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * One shared, thread-safe Lettuce connection to Redis: a standalone server ({@link RedisClient})
 * or a Redis Cluster ({@link RedisClusterClient}, which routes each key to the primary serving
 * its slot). Tables see the commands both have in common, so one table works against either.
 * Counts every data command sent.
 */
public final class RedisConnector implements AutoCloseable {
  public static final String STORE = "redis";
  private static final Logger LOG = LoggerFactory.getLogger(RedisConnector.class);
  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
  /**
   * How often the cluster client re-reads the topology even without a trigger. With the adaptive
   * triggers (MOVED, persistent reconnects, ...) this bounds how long reads keep going to a
   * primary that has been replaced.
   */
  static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(1);

  /** Sent by the client itself (handshake, topology discovery): not requests a query made. */
  private static final Set<CommandType> BOOKKEEPING = EnumSet.of(CommandType.CLUSTER,
      CommandType.INFO, CommandType.CLIENT, CommandType.HELLO, CommandType.PING,
      CommandType.COMMAND, CommandType.AUTH, CommandType.READONLY, CommandType.SELECT);

  private final List<CommandListener> listeners = new CopyOnWriteArrayList<>();
  private final AbstractRedisClient client;
  private final StatefulConnection<String, String> connection;
  private final RedisClusterCommands<String, String> sync;
  private final RedisClusterAsyncCommands<String, String> async;
  private final String address;
  private final boolean cluster;
  private final @Nullable Disposable topologyWatch;

  /** A standalone server. */
  public RedisConnector(String host, int port, StoreRequests requests) {
    this.address = host + ":" + port;
    this.cluster = false;
    this.topologyWatch = null;
    RedisClient redis = RedisClient.create(RedisURI.builder().withHost(host).withPort(port)
        .withTimeout(COMMAND_TIMEOUT).build());
    redis.setOptions(ClientOptions.builder()
        // Fail at once while the server is unreachable instead of queueing until the timeout.
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .build());
    this.client = redis;
    countCommands(requests);
    try {
      StatefulRedisConnection<String, String> c = redis.connect();
      this.connection = c;
      this.sync = c.sync();
      this.async = c.async();
    } catch (RuntimeException e) {
      redis.shutdown();
      throw new StoreUnavailableException("Redis at " + address + " is unreachable: "
          + e.getMessage(), e);
    }
  }

  private RedisConnector(List<HostAndPort> seeds, StoreRequests requests) {
    this.address = "Redis Cluster (seed nodes " + String.join(", ",
        seeds.stream().map(HostAndPort::toString).toList()) + ")";
    this.cluster = true;
    RedisClusterClient redis = RedisClusterClient.create(seeds.stream()
        .map(s -> RedisURI.builder().withHost(s.host()).withPort(s.port())
            .withTimeout(COMMAND_TIMEOUT).build())
        .toList());
    redis.setOptions(ClusterClientOptions.builder()
        .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
            .enablePeriodicRefresh(TOPOLOGY_REFRESH)
            .enableAllAdaptiveRefreshTriggers()
            .adaptiveRefreshTriggersTimeout(Duration.ofMillis(500))
            .refreshTriggersReconnectAttempts(2)
            .build())
        // A dead primary's connection rejects at once, so a read fails fast during a failover
        // (and names the node) instead of waiting out the command timeout.
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .build());
    this.client = redis;
    countCommands(requests);
    try {
      StatefulRedisClusterConnection<String, String> c = redis.connect();
      this.connection = c;
      this.sync = c.sync();
      this.async = c.async();
    } catch (RuntimeException e) {
      redis.shutdown();
      throw new StoreUnavailableException(address + " is unreachable: " + e.getMessage(), e);
    }
    StatefulRedisClusterConnection<String, String> c =
        (StatefulRedisClusterConnection<String, String>) connection;
    connectEveryNode(c);
    // A node that joins later (ElastiCache replaces a failed node with a new replica) gets its
    // connection as soon as the client sees it, off the event loop.
    this.topologyWatch = redis.getResources().eventBus().get()
        .filter(ClusterTopologyChangedEvent.class::isInstance)
        .subscribe(event -> CompletableFuture.runAsync(() -> connectEveryNode(c)));
  }

  /**
   * Opens the connection to every node, replicas included, before the first read. Lettuce opens
   * a node's connection on its first command otherwise, and with commands rejected while
   * disconnected that first command can fail; a replica's connection is then ready too when a
   * failover promotes it.
   */
  private static void connectEveryNode(StatefulRedisClusterConnection<String, String> c) {
    for (RedisClusterNode node : c.getPartitions()) {
      if (node.is(RedisClusterNode.NodeFlag.FAIL) || node.is(RedisClusterNode.NodeFlag.EVENTUAL_FAIL)
          || node.is(RedisClusterNode.NodeFlag.NOADDR)) {
        continue;
      }
      String where = node.getUri().getHost() + ":" + node.getUri().getPort();
      long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (true) {
        try {
          // host:port keys the connections that reads of a slot go through
          c.getConnection(node.getUri().getHost(), node.getUri().getPort()).sync().ping();
          break;
        } catch (RuntimeException e) {
          if (System.nanoTime() > deadline) {
            LOG.warn("Redis Cluster node {} does not answer yet: {}", where, e.getMessage());
            break;
          }
          sleep(20);
        }
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A Redis Cluster, discovered from any of its nodes. */
  public static RedisConnector cluster(List<HostAndPort> seeds, StoreRequests requests) {
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("a Redis Cluster needs at least one seed node");
    }
    return new RedisConnector(seeds, requests);
  }

  /**
   * Sees every command sent from now on (tests capture the native requests with it). Lettuce
   * binds its listeners to a connection when it opens, so the connector registers one listener
   * before connecting and hands each command on to these.
   */
  public void addListener(CommandListener listener) {
    listeners.add(listener);
  }

  /** The key under which a command's listener context keeps when it was sent. */
  private static final String STARTED = "tiergate.started";

  private void countCommands(StoreRequests requests) {
    client.addListener(new CommandListener() {
      @Override public void commandStarted(CommandStartedEvent event) {
        if (isDataCommand(event.getCommand().getType())) {
          requests.increment(STORE);
          event.getContext().put(STARTED, System.nanoTime());
        }
        listeners.forEach(l -> l.commandStarted(event));
      }

      @Override public void commandSucceeded(CommandSucceededEvent event) {
        if (isDataCommand(event.getCommand().getType())) {
          requests.record(STORE, event.getCommand().getType().toString(),
              event.getDuration(TimeUnit.NANOSECONDS), StoreRequests.Outcome.OK);
        }
      }

      /** A Redis error reply is the store refusing; anything else, it not answering. */
      @Override public void commandFailed(CommandFailedEvent event) {
        Object started = event.getContext().get(STARTED);
        if (started instanceof Long at) {
          requests.record(STORE, event.getCommand().getType().toString(),
              System.nanoTime() - at, event.getCause() instanceof RedisCommandExecutionException
                  ? StoreRequests.Outcome.REFUSED : StoreRequests.Outcome.UNAVAILABLE);
        }
      }
    });
  }

  /** A command a query sent, as opposed to the client's own handshake and topology reads. */
  public static boolean isDataCommand(ProtocolKeyword type) {
    return !(type instanceof CommandType t && BOOKKEEPING.contains(t));
  }

  RedisClusterCommands<String, String> sync() {
    return sync;
  }

  RedisClusterAsyncCommands<String, String> async() {
    return async;
  }

  /**
   * The asynchronous commands, for a component keeping keys of its own in this Redis (the hot
   * tier's read-through cache), which waits on them with timeouts of its own.
   */
  public RedisClusterAsyncCommands<String, String> commands() {
    return async;
  }

  public boolean isCluster() {
    return cluster;
  }

  /** host:port of a standalone server, or the cluster's seed nodes. */
  public String address() {
    return address;
  }

  /** host:port of the node that serves {@code key}: the server, or the primary of its slot. */
  String nodeOf(String key) {
    if (!cluster) {
      return address;
    }
    int slot = SlotHash.getSlot(key);
    RedisClusterNode node = ((StatefulRedisClusterConnection<String, String>) connection)
        .getPartitions().getPartitionBySlot(slot);
    return node == null ? "no node (slot " + slot + " is not served)"
        : node.getUri().getHost() + ":" + node.getUri().getPort();
  }

  /**
   * What a user sees when a read of {@code key} sent to {@code node} (see {@link #nodeOf})
   * failed: the node and key; in a cluster, that
   * the cluster may be failing over (a read never falls back to a replica, which could answer
   * with stale data).
   */
  RuntimeException readFailed(String key, String node, Throwable cause) {
    String detail = cause.getMessage() == null ? cause.getClass().getSimpleName()
        : cause.getMessage();
    if (cause instanceof RedisCommandExecutionException && detail.startsWith("WRONGTYPE")) {
      return new IllegalStateException("Redis key '" + key + "' at " + node
          + " holds another type than the table expects: " + detail, cause);
    }
    if (!cluster) {
      return new StoreUnavailableException("Redis at " + address + " failed to read key '" + key
          + "': " + detail, cause);
    }
    return new StoreUnavailableException("Redis Cluster node " + node + " (slot "
        + SlotHash.getSlot(key) + ") failed to read key '" + key + "': " + detail
        + "; the cluster may be failing over to a replica, retry shortly", cause);
  }

  /** A failed read of keys by prefix (SCAN), which touches every primary. */
  RuntimeException scanFailed(String prefix, Throwable cause) {
    return new StoreUnavailableException((cluster ? address : "Redis at " + address)
        + " failed to SCAN keys '" + prefix + "*': " + cause.getMessage()
        + (cluster ? "; the cluster may be failing over to a replica, retry shortly" : ""), cause);
  }

  @Override public void close() {
    if (topologyWatch != null) {
      topologyWatch.dispose();
    }
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }

  /** One node of a cluster as configured. */
  public record HostAndPort(String host, int port) {
    /** Parses {@code host:port}; the message quotes what was given. */
    public static HostAndPort parse(String text) {
      int colon = text == null ? -1 : text.lastIndexOf(':');
      if (colon <= 0 || colon == text.length() - 1) {
        throw new IllegalArgumentException("'" + text + "' is not host:port");
      }
      try {
        int port = Integer.parseInt(text.substring(colon + 1));
        if (port < 1 || port > 65535) {
          throw new IllegalArgumentException("'" + text + "' has port " + port
              + " outside 1-65535");
        }
        return new HostAndPort(text.substring(0, colon), port);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + text + "' is not host:port", e);
      }
    }

    @Override public String toString() {
      return host + ":" + port;
    }
  }
}
