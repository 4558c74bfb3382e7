package io.tiergate.lifecycle.migrate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;

/**
 * What migrations show on {@code /metrics}: how long each step and job took and how it ended,
 * the rows each transition moved, and its failures by step. ADR-002's "data movement
 * efficiency" and its "failed data transitions" alert read these.
 */
public final class MigrationMeters {
  /** For runners nobody scrapes (tests, the benchmark): a registry with no backend. */
  public static final MigrationMeters NONE = new MigrationMeters(new CompositeMeterRegistry());

  /** How a step or job ended. */
  enum Outcome {
    /** Done. */
    OK,
    /** Failed for good (a verification mismatch, a moved manifest): what it wrote is gone. */
    FAILED,
    /** Stopped by a store error or a crash: the next run resumes it. */
    INTERRUPTED;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final MeterRegistry registry;

  public MigrationMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  void step(MigrationJob job, Step step, long nanos, Outcome outcome) {
    Timer.builder("tiergate.migration.step")
        .description("Time of one step of a migration job")
        .tag("table", job.table()).tag("transition", transition(job))
        .tag("step", step.name().toLowerCase(java.util.Locale.ROOT)).tag("outcome", outcome.label())
        .register(registry).record(Duration.ofNanos(nanos));
    if (outcome != Outcome.OK) {
      Counter.builder("tiergate.migration.failures")
          .description("Migration jobs stopped or failed, by the step they were at")
          .tag("table", job.table()).tag("transition", transition(job))
          .tag("step", step.name().toLowerCase(java.util.Locale.ROOT)).tag("outcome", outcome.label())
          .register(registry).increment();
    }
  }

  /** A job that finished: its time from creation (across resumes) and the rows it moved. */
  void jobDone(MigrationJob job, long nowMillis) {
    Timer.builder("tiergate.migration.job")
        .description("Time of a migration job from its creation to its last step")
        .tag("table", job.table()).tag("transition", transition(job))
        .register(registry).record(Duration.ofMillis(Math.max(0, nowMillis - job.createdMillis())));
    Counter.builder("tiergate.migration.rows")
        .description("Rows moved by finished migration jobs")
        .tag("table", job.table()).tag("transition", transition(job))
        .register(registry).increment(job.rowsDone());
  }

  private static String transition(MigrationJob job) {
    return job.transition().name().toLowerCase(java.util.Locale.ROOT);
  }
}
