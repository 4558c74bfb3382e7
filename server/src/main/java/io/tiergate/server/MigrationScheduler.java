package io.tiergate.server;

import io.tiergate.lifecycle.migrate.MigrationJob;
import io.tiergate.lifecycle.migrate.MigrationRunner;
import io.tiergate.server.catalog.GatewayCatalog;
import io.tiergate.server.config.TiergateConfig.LifecycleConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code migrate} and {@code expire} of every tiered table every {@code
 * lifecycle.interval}. Several gateways may all schedule: the table lease lets one run at a
 * time, and the others log that it is taken.
 */
final class MigrationScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MigrationScheduler.class);

  private final ScheduledExecutorService executor;

  private MigrationScheduler(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  /** Null when no interval is configured (migrations then run only when called). */
  static MigrationScheduler start(LifecycleConfig config, GatewayCatalog catalog) {
    Duration interval = config.intervalDuration();
    if (interval == null) {
      return null;
    }
    MigrationRunner runner = catalog.migrations();
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "tiergate-migrations");
      thread.setDaemon(true);
      return thread;
    });
    executor.scheduleWithFixedDelay(() -> runAll(runner), interval.toMillis(),
        interval.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("Migrations of {} scheduled every {}", runner.tables(), config.interval());
    return new MigrationScheduler(executor);
  }

  private static void runAll(MigrationRunner runner) {
    for (String table : runner.tables()) {
      try {
        List<MigrationJob> jobs = new java.util.ArrayList<>(runner.migrate(table, false));
        jobs.addAll(runner.expire(table, false));
        LOG.info("Scheduled migration of {}: {} jobs", table, jobs.size());
      } catch (RuntimeException e) {
        // Logged, not thrown: the next run resumes whatever stopped.
        LOG.warn("Scheduled migration of {} stopped: {}", table, e.getMessage());
      }
    }
  }

  @Override public void close() {
    executor.shutdownNow();
  }
}
