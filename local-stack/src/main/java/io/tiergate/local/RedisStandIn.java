package io.tiergate.local;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real redis-server process (the binary bundled in embedded-redis, see {@link RedisServerBinary})
 * standing in for ElastiCache: 127.0.0.1, a free port, no persistence, files under its work
 * directory. Extra arguments (e.g. {@code --cluster-enabled yes}) let several of these form a
 * cluster.
 */
public final class RedisStandIn implements AutoCloseable {
  static final String ENGINE = "Redis";
  private static final Logger LOG = LoggerFactory.getLogger(RedisStandIn.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
  private static final String HOST = "127.0.0.1";

  private final Process process;
  private final int port;
  private final Path logFile;

  private RedisStandIn(Process process, int port, Path logFile) {
    this.process = process;
    this.port = port;
    this.logFile = logFile;
  }

  public static RedisStandIn start(Path workDir, String... extraArgs) {
    return start(workDir, FreePort.pick(), extraArgs);
  }

  /** On a given port: a Redis that comes back where its clients reconnect to. */
  public static RedisStandIn start(Path workDir, int port, String... extraArgs) {
    long started = System.nanoTime();
    Path logFile = workDir.resolve("redis.log");
    Path pidFile = workDir.resolve("redis.pid");
    Process process;
    try {
      Files.createDirectories(workDir);
      ChildProcesses.stopLeftover(pidFile, "redis-server");
      Path binary = RedisServerBinary.extractTo(workDir.resolve("bin"));
      List<String> command = new ArrayList<>(List.of(binary.toString(),
          "--port", Integer.toString(port),
          "--bind", HOST,
          "--dir", workDir.toString(),
          "--pidfile", pidFile.toString(),
          "--save", "",              // no RDB snapshots
          "--appendonly", "no",      // no AOF: a cache tier, nothing to keep between runs
          "--daemonize", "no"));     // stays our child, so close() and the shutdown hook can stop it
      command.addAll(Arrays.asList(extraArgs));
      process = ExecRetry.start(new ProcessBuilder(command)
          .directory(workDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile())));
    } catch (IOException | RuntimeException e) {
      throw new EngineStartException(ENGINE, LogTail.of(logFile), e);
    }
    RedisStandIn standIn = new RedisStandIn(process, port, logFile);
    try {
      standIn.awaitPing();
    } catch (RuntimeException e) {
      standIn.close();
      throw new EngineStartException(ENGINE, LogTail.of(logFile), e);
    }
    LOG.info("Redis ready at {}:{} (pid {}) in {} ms", HOST, port, process.pid(),
        (System.nanoTime() - started) / 1_000_000);
    return standIn;
  }

  public String host() {
    return HOST;
  }

  public int port() {
    return port;
  }

  public RedisURI uri() {
    return RedisURI.create(HOST, port);
  }

  public Path logFile() {
    return logFile;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL, as a crashed host: no shutdown, no goodbye to cluster peers. */
  void kill() {
    process.destroyForcibly();
    ChildProcesses.waitFor(process, Duration.ofSeconds(5));
    LOG.info("Redis killed (pid {}, port {})", process.pid(), port);
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    // SIGTERM: redis-server shuts down cleanly (nothing to save, persistence is off).
    ChildProcesses.stop(process, Duration.ofSeconds(10));
    LOG.info("Redis stopped (pid {})", process.pid());
  }

  private void awaitPing() {
    RedisURI uri = RedisURI.builder().withHost(HOST).withPort(port).withTimeout(Duration.ofSeconds(2)).build();
    RedisClient client = RedisClient.create();
    try {
      Readiness.await(ENGINE, READY_TIMEOUT, process::isAlive, () -> {
        try (StatefulRedisConnection<String, String> connection = client.connect(uri)) {
          String pong = connection.sync().ping();
          if (!"PONG".equals(pong)) {
            throw new IllegalStateException("PING answered " + pong);
          }
        }
      });
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }
}
