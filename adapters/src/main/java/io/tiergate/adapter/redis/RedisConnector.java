package io.tiergate.adapter.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import io.tiergate.adapter.StoreRequests;
import java.time.Duration;

/** One shared, thread-safe Lettuce connection to a Redis server; counts every command sent. */
public final class RedisConnector implements AutoCloseable {
  public static final String STORE = "redis";

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final String address;

  public RedisConnector(String host, int port, StoreRequests requests) {
    this.address = host + ":" + port;
    RedisURI uri = RedisURI.builder().withHost(host).withPort(port)
        .withTimeout(Duration.ofSeconds(5)).build();
    this.client = RedisClient.create(uri);
    client.addListener(new CommandListener() {
      @Override public void commandStarted(CommandStartedEvent event) {
        requests.increment(STORE);
      }
    });
    try {
      this.connection = client.connect();
    } catch (RuntimeException e) {
      client.shutdown();
      throw new io.tiergate.adapter.StoreUnavailableException(
          "Redis at " + address + " is unreachable: " + e.getMessage(), e);
    }
  }

  public StatefulRedisConnection<String, String> connection() {
    return connection;
  }

  public String address() {
    return address;
  }

  @Override public void close() {
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}
