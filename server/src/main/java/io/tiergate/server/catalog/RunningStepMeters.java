package io.tiergate.server.catalog;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tiergate.lifecycle.migrate.MigrationJob;
import io.tiergate.lifecycle.migrate.MigrationRunner;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code tiergate_migration_running_step_seconds{table}}: how long the table's oldest running
 * job has been at its step, from the last update of its record in the control table (each step
 * updates it); 0 with no running job. A job stopped by a crash stays running until a run
 * resumes it, so this grows too when migrations stop being run. The jobs are read from the
 * control table at most every few seconds.
 */
final class RunningStepMeters {
  private static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final MigrationRunner runner;
  private final Clock clock;
  private List<MigrationJob> jobs = List.of();
  private long readAt;
  private boolean read;

  private RunningStepMeters(MigrationRunner runner, Clock clock) {
    this.runner = runner;
    this.clock = clock;
  }

  static void register(MeterRegistry registry, MigrationRunner runner, Clock clock) {
    RunningStepMeters meters = new RunningStepMeters(runner, clock);
    for (String table : runner.tables()) {
      Gauge.builder("tiergate.migration.running.step", meters, m -> m.secondsAtStep(table))
          .description("How long the table's oldest running migration job has been at its step")
          .baseUnit("seconds").tag("table", table)
          .strongReference(true).register(registry); // nothing else holds the meters
    }
  }

  private double secondsAtStep(String table) {
    long now = clock.millis();
    return jobs().stream()
        .filter(j -> j.table().equals(table) && j.state() == MigrationJob.State.RUNNING)
        .mapToLong(j -> Math.max(0, now - j.updatedMillis())).max().orElse(0) / 1000.0;
  }

  private synchronized List<MigrationJob> jobs() {
    long now = System.nanoTime();
    if (!read || now - readAt > FRESH_NANOS) {
      jobs = runner.jobs();
      readAt = now;
      read = true;
    }
    return jobs;
  }
}
