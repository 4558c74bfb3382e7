package io.tiergate.local;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The five local stand-ins for the AWS stores, started together: DynamoDB Local, Redis, S3Proxy,
 * PostgreSQL (for Redshift) and Trino (for Athena, after S3Proxy, which it reads from). Engines
 * start in parallel; if one fails, the ones already up are stopped and the failure names the
 * engine and quotes its log. One shutdown hook stops everything on Ctrl-C/SIGTERM.
 */
public final class LocalStack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
  /** Bound for close() to wait for engines still starting, so none is left running unowned. */
  private static final Duration STARTING_GRACE = Duration.ofSeconds(60);

  private final Path dataDir;
  private final Thread shutdownHook;
  private final Map<String, Long> startMillis = new LinkedHashMap<>();
  private volatile CompletableFuture<Void> starting = CompletableFuture.completedFuture(null);
  private boolean closed;

  private DynamoDbLocalStandIn dynamoDb;
  private RedisStandIn redis;
  private S3StandIn s3;
  private PostgresStandIn postgres;
  private TrinoStandIn trino;

  private LocalStack(Path dataDir) {
    this.dataDir = dataDir.toAbsolutePath();
    this.shutdownHook = new Thread(this::stopAll, "local-stack-shutdown");
  }

  public static LocalStack start(Path dataDir) {
    LocalStack stack = new LocalStack(dataDir);
    // Registered before the first engine starts: Ctrl-C during startup must stop what is up.
    Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
    try {
      stack.startEngines();
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private void startEngines() {
    long started = System.nanoTime();
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4, runnable -> {
      Thread thread = new Thread(runnable, "local-stack-start-" + threads.incrementAndGet());
      thread.setDaemon(true); // a hung engine start must not keep the JVM alive
      return thread;
    });
    try {
      CompletableFuture<DynamoDbLocalStandIn> dynamoDbStarted = CompletableFuture.supplyAsync(
          () -> register(engine(DynamoDbLocalStandIn.ENGINE, "dynamodb", DynamoDbLocalStandIn::start)), pool);
      CompletableFuture<RedisStandIn> redisStarted = CompletableFuture.supplyAsync(
          () -> register(engine(RedisStandIn.ENGINE, "redis", RedisStandIn::start)), pool);
      CompletableFuture<PostgresStandIn> postgresStarted = CompletableFuture.supplyAsync(
          () -> register(engine(PostgresStandIn.ENGINE, "postgres", PostgresStandIn::start)), pool);
      CompletableFuture<S3StandIn> s3Started = CompletableFuture.supplyAsync(
          () -> register(engine(S3StandIn.ENGINE, "s3", S3StandIn::start)), pool);
      CompletableFuture<TrinoStandIn> trinoStarted = s3Started.thenApplyAsync(
          s3 -> register(engine(TrinoStandIn.ENGINE, "trino", dir -> TrinoStandIn.start(dir, s3.endpoint()))), pool);
      List<CompletableFuture<?>> all = List.of(dynamoDbStarted, redisStarted, s3Started, postgresStarted, trinoStarted);
      starting = CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
      awaitAll(all);
    } finally {
      pool.shutdown();
    }
    LOG.info("local stack ready in {} ms under {}; per engine (ms, in parallel): {}",
        (System.nanoTime() - started) / 1_000_000, dataDir, startMillis());
  }

  /** Waits for every start to settle (so close() sees all of them), then reports the first failure. */
  private static void awaitAll(List<CompletableFuture<?>> all) {
    List<Throwable> failures = new ArrayList<>();
    for (CompletableFuture<?> future : all) {
      try {
        future.join();
      } catch (CompletionException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (!failures.contains(cause)) { // Trino's future fails with S3Proxy's failure too
          failures.add(cause);
        }
      }
    }
    if (!failures.isEmpty()) {
      RuntimeException first = failures.get(0) instanceof RuntimeException r ? r
          : new IllegalStateException("local stack did not start", failures.get(0));
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      throw first;
    }
  }

  /** Starts one engine in its own directory; any failure becomes an EngineStartException naming it. */
  private <T> T engine(String name, String dirName, Function<Path, T> starter) {
    Path workDir = dataDir.resolve(dirName);
    long started = System.nanoTime();
    try {
      T engine = starter.apply(workDir);
      synchronized (startMillis) {
        startMillis.put(name, (System.nanoTime() - started) / 1_000_000);
      }
      return engine;
    } catch (EngineStartException e) {
      throw e;
    } catch (RuntimeException | Error e) {
      throw new EngineStartException(name, LogTail.newestLogUnder(workDir), e);
    }
  }

  /** Records a started engine; one that comes up after close() began is stopped at once. */
  private synchronized <T extends AutoCloseable> T register(T engine) {
    if (closed) {
      closeQuietly(engine);
      throw new IllegalStateException("local stack closed while starting");
    }
    if (engine instanceof DynamoDbLocalStandIn d) {
      dynamoDb = d;
    } else if (engine instanceof RedisStandIn r) {
      redis = r;
    } else if (engine instanceof S3StandIn s) {
      s3 = s;
    } else if (engine instanceof PostgresStandIn p) {
      postgres = p;
    } else if (engine instanceof TrinoStandIn t) {
      trino = t;
    }
    return engine;
  }

  public Path dataDir() {
    return dataDir;
  }

  public URI dynamoDbEndpoint() {
    return dynamoDb.endpoint();
  }

  public String redisHost() {
    return redis.host();
  }

  public int redisPort() {
    return redis.port();
  }

  public S3Endpoint s3Endpoint() {
    return s3.endpoint();
  }

  public String postgresJdbcUrl() {
    return postgres.jdbcUrl();
  }

  public String postgresUser() {
    return postgres.user();
  }

  public String postgresPassword() {
    return postgres.password();
  }

  public String trinoJdbcUrl() {
    return trino.jdbcUrl();
  }

  public DynamoDbLocalStandIn dynamoDb() {
    return dynamoDb;
  }

  public RedisStandIn redis() {
    return redis;
  }

  public S3StandIn s3() {
    return s3;
  }

  public PostgresStandIn postgres() {
    return postgres;
  }

  public TrinoStandIn trino() {
    return trino;
  }

  /** Start time of each engine in ms, measured in parallel with the others. */
  public Map<String, Long> startMillis() {
    synchronized (startMillis) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(startMillis));
    }
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook is running or about to
    }
    stopAll();
  }

  /** Reverse start order: Trino before S3Proxy, which it reads from. Idempotent. */
  private void stopAll() {
    awaitEnginesStillStarting();
    List<AutoCloseable> toStop;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toStop = new ArrayList<>();
      for (AutoCloseable engine : new AutoCloseable[] {trino, postgres, s3, redis, dynamoDb}) {
        if (engine != null) {
          toStop.add(engine);
        }
      }
    }
    toStop.forEach(LocalStack::closeQuietly);
  }

  private void awaitEnginesStillStarting() {
    try {
      starting.get(STARTING_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      // a failed start is reported by start(); here only its settling matters
    } catch (TimeoutException e) {
      LOG.warn("engines still starting after {}; stopping those that are up", STARTING_GRACE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(AutoCloseable engine) {
    try {
      engine.close();
    } catch (Exception e) {
      LOG.warn("stopping {}", engine.getClass().getSimpleName(), e);
    }
  }
}
