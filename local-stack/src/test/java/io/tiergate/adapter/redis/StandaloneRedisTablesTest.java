package io.tiergate.adapter.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.tiergate.adapter.StoreRequests;
import io.tiergate.local.RedisStandIn;
import java.nio.file.Path;

class StandaloneRedisTablesTest extends RedisTablesContract {
  private RedisStandIn redis;
  private RedisClient client;
  private StatefulRedisConnection<String, String> writer;

  @Override RedisConnector connect(StoreRequests requests) {
    redis = RedisStandIn.start(Path.of("target", "stand-ins", "redis-tables").toAbsolutePath());
    client = RedisClient.create(redis.uri());
    writer = client.connect();
    return new RedisConnector(redis.host(), redis.port(), requests);
  }

  @Override RedisClusterCommands<String, String> writer() {
    return writer.sync();
  }

  @Override void stopEngine() {
    writer.close();
    client.shutdown();
    redis.close();
  }
}
