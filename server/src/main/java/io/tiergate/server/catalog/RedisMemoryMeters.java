package io.tiergate.server.catalog;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tiergate.adapter.redis.RedisConnector;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tiergate_redis_used_memory_bytes} and {@code tiergate_redis_memory_used_ratio} (used
 * memory over {@code maxmemory}) from Redis's {@code INFO memory}, read when the gauges are
 * read (a scrape, an alert evaluation) and shared by both for a second. The ratio has no value
 * while Redis has no {@code maxmemory} (0: no limit). In a cluster, the node Lettuce sends
 * {@code INFO} to.
 */
final class RedisMemoryMeters {
  private static final Logger LOG = LoggerFactory.getLogger(RedisMemoryMeters.class);
  private static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long TIMEOUT_MILLIS = 2000;

  /** used_memory and maxmemory in bytes; NaN when Redis did not answer. */
  private record Memory(double used, double max) {
  }

  private final RedisConnector redis;
  private Memory last;
  private long readAt;

  private RedisMemoryMeters(RedisConnector redis) {
    this.redis = redis;
  }

  static void register(MeterRegistry registry, RedisConnector redis) {
    RedisMemoryMeters meters = new RedisMemoryMeters(redis);
    Gauge.builder("tiergate.redis.used.memory", meters, m -> m.memory().used())
        .description("Memory Redis uses (INFO memory: used_memory)").baseUnit("bytes")
        .strongReference(true).register(registry); // nothing else holds the meters
    Gauge.builder("tiergate.redis.memory.used.ratio", meters, m -> {
      Memory memory = m.memory();
      return memory.max() > 0 ? memory.used() / memory.max() : Double.NaN;
    }).description("Redis used_memory over maxmemory; none while maxmemory is 0 (no limit)")
        .strongReference(true).register(registry);
  }

  private synchronized Memory memory() {
    long now = System.nanoTime();
    if (last == null || now - readAt > FRESH_NANOS) {
      last = read();
      readAt = now;
    }
    return last;
  }

  private Memory read() {
    try {
      String info = redis.commands().info("memory").get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
      return new Memory(field(info, "used_memory"), field(info, "maxmemory"));
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      LOG.debug("Redis INFO memory for the memory gauges failed: {}", e.toString());
      return new Memory(Double.NaN, Double.NaN);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Memory(Double.NaN, Double.NaN);
    }
  }

  /** A {@code name:value} line of INFO's answer; NaN when it is not there. */
  static double field(String info, String name) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(name + ":")) {
        return Double.parseDouble(line.substring(name.length() + 1).trim());
      }
    }
    return Double.NaN;
  }
}
