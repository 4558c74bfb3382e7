package io.tiergate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedisStandInTest {

  @Test
  void setThenGetAndTheServerIsGoneAfterClose() {
    long pid;
    try (RedisStandIn redis = RedisStandIn.start(TestDirs.of("redis"))) {
      pid = redis.pid();
      RedisClient client = RedisClient.create(redis.uri());
      try (StatefulRedisConnection<String, String> connection = client.connect()) {
        connection.sync().set("tier:hot:o-1", "42");

        assertThat(connection.sync().get("tier:hot:o-1")).isEqualTo("42");
      } finally {
        client.shutdown();
      }
    }
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEqualTo(Optional.empty());
  }

  @Test
  void aServerThatCannotStartIsReportedWithTheTailOfItsLog() {
    assertThatThrownBy(() -> RedisStandIn.start(TestDirs.of("redis-bad-config"), "--no-such-directive", "x"))
        .isInstanceOf(EngineStartException.class)
        .hasMessageStartingWith("Redis did not start")
        .hasMessageContaining("FATAL CONFIG FILE ERROR")
        .hasMessageContaining("no-such-directive");
  }
}
