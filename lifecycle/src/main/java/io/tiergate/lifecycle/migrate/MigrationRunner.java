package io.tiergate.lifecycle.migrate;

import io.tiergate.planner.manifest.ManifestStore;
import io.tiergate.planner.manifest.TierManifest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs migrations of tiered tables: takes the table's lease, finishes a job an earlier run left
 * unfinished, then plans and runs one job per move, each step persisted before the next starts.
 *
 * <p>Failures keep every row visible exactly once. A store failing mid-step leaves the job
 * RUNNING at that step (the next run resumes it); a verification mismatch or a manifest moved
 * by someone else fails the job and removes what it wrote, which no query could see.
 */
public final class MigrationRunner {
  private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);
  /** What {@code CALL tiergate.migrate} moves; expiry is its own call. */
  public static final List<Transition> MIGRATE = List.of(Transition.HOT_TO_WARM,
      Transition.WARM_TO_COLD, Transition.COLD_CLASS);
  public static final List<Transition> EXPIRE = List.of(Transition.EXPIRE);

  private final JobStore jobs;
  private final ManifestStore manifests;
  private final Map<String, TableLifecycle> tables;
  private final Clock clock;
  private final String owner;
  private final Settings settings;
  private final JobSteps steps;
  private final StepHook hook;
  private final MigrationMeters meters;

  /**
   * @param lease how long a runner holds a table without renewing it (renewed before each step
   *     and on progress; a crashed runner's table is free again after it)
   * @param minDrain how long a gateway may plan with a manifest it cached (DRAIN waits at least
   *     this long after a flip)
   * @param maxDrain how long DRAIN waits for running queries before the job stops (resumable)
   */
  public record Settings(Duration lease, Duration minDrain, Duration maxDrain) {
    public static final Settings DEFAULTS = new Settings(Duration.ofMinutes(2),
        Duration.ofSeconds(2), Duration.ofMinutes(5));
  }

  /**
   * @param manifests uncached: FLIP must see the latest version
   * @param owner who runs (host and process), shown to a second caller
   */
  public MigrationRunner(JobStore jobs, ManifestStore manifests,
      Map<String, TableLifecycle> tables, ActiveQueries queries, Clock clock, String owner,
      Settings settings, StepHook hook) {
    this(jobs, manifests, tables, queries, clock, owner, settings, hook, MigrationMeters.NONE);
  }

  /** @param meters where step and job times, rows moved and failures are reported */
  public MigrationRunner(JobStore jobs, ManifestStore manifests,
      Map<String, TableLifecycle> tables, ActiveQueries queries, Clock clock, String owner,
      Settings settings, StepHook hook, MigrationMeters meters) {
    this.meters = meters;
    this.jobs = jobs;
    this.manifests = manifests;
    this.tables = Map.copyOf(tables);
    this.clock = clock;
    this.owner = owner;
    this.settings = settings;
    this.steps = new JobSteps(manifests, queries, clock, settings.minDrain(), settings.maxDrain());
    this.hook = hook;
  }

  public List<MigrationJob> migrate(String table, boolean dryRun) {
    return run(table, MIGRATE, dryRun);
  }

  public List<MigrationJob> expire(String table, boolean dryRun) {
    return run(table, EXPIRE, dryRun);
  }

  public List<String> tables() {
    return tables.keySet().stream().sorted().toList();
  }

  public List<MigrationJob> jobs() {
    return jobs.all();
  }

  private List<MigrationJob> run(String table, List<Transition> transitions, boolean dryRun) {
    TableLifecycle t = lifecycle(table);
    MigrationPlanner planner = new MigrationPlanner(t.policy());
    if (dryRun) {
      return plan(t, planner, transitions);
    }
    lease(table);
    List<MigrationJob> done = new ArrayList<>();
    try {
      Optional<MigrationJob> unfinished = jobs.unfinished(table);
      if (unfinished.isPresent()) {
        LOG.info("Resuming job {} at {}", unfinished.get().id(), unfinished.get().nextStep());
        done.add(execute(t, unfinished.get()));
      }
      for (Transition transition : transitions) {
        if (!t.supports(transition)) {
          continue;
        }
        TierManifest manifest = manifests.current(table);
        for (PlannedMove move : planner.plan(transition, manifest, clock.millis())) {
          MigrationJob job = MigrationJob.start(table, jobs.nextSequence(table), transition,
              move.slice(), move.storageClass(), clock.millis());
          jobs.save(job);
          done.add(execute(t, job));
        }
      }
    } catch (RuntimeException e) {
      jobs.release(table, owner);
      throw e;
    }
    // Released only on a normal return or a handled failure: a runner that dies (an Error,
    // a killed process) keeps the lease until it expires, as a crashed gateway would.
    jobs.release(table, owner);
    return done;
  }

  /** A dry run: the moves, each planned on the manifest the moves before it would leave. */
  private List<MigrationJob> plan(TableLifecycle t, MigrationPlanner planner,
      List<Transition> transitions) {
    List<MigrationJob> planned = new ArrayList<>();
    jobs.unfinished(t.table()).ifPresent(planned::add);
    TierManifest manifest = manifests.current(t.table());
    for (Transition transition : transitions) {
      if (!t.supports(transition)) {
        continue;
      }
      for (PlannedMove move : planner.plan(transition, manifest, clock.millis())) {
        planned.add(MigrationJob.planned(t.table(), move, clock.millis()));
        manifest = MigrationPlanner.flip(manifest, move);
      }
    }
    return planned;
  }

  private MigrationJob execute(TableLifecycle t, MigrationJob job) {
    for (Step step = job.nextStep(); step != null; step = job.nextStep()) {
      lease(t.table());
      hook.before(job, step);
      long started = System.nanoTime();
      try {
        job = steps.run(t, job, step, this::saveProgress);
        LOG.info("Job {}: {} took {} ms", job.id(), step,
            (System.nanoTime() - started) / 1_000_000);
      } catch (VerificationException | MigrationPlanner.ManifestMovedException e) {
        meters.step(job, step, System.nanoTime() - started, MigrationMeters.Outcome.FAILED);
        MigrationJob failed = job.failed(e.getMessage(), clock.millis());
        jobs.save(failed);
        steps.abandon(t, failed);
        throw new MigrationException("Migration job " + job.id() + " failed at " + step + " and"
            + " changed nothing visible: " + e.getMessage(), e);
      } catch (RuntimeException e) {
        meters.step(job, step, System.nanoTime() - started, MigrationMeters.Outcome.INTERRUPTED);
        String reason = e.getMessage() == null ? e.toString() : e.getMessage();
        jobs.save(job.interrupted(reason, clock.millis()));
        throw new MigrationException("Migration job " + job.id() + " (" + job.transition()
            + " of " + job.table() + " " + job.slice() + ") stopped at " + step + ": " + reason
            + ". No row was lost; the next run resumes it at " + step, e);
      }
      meters.step(job, step, System.nanoTime() - started, MigrationMeters.Outcome.OK);
      job = job.done(step, clock.millis());
      jobs.save(job);
      hook.after(job, step);
    }
    meters.jobDone(job, clock.millis());
    LOG.info("Job {} done: {} of {} {} ({} rows)", job.id(), job.transition(), job.table(),
        job.slice(), job.rowsDone());
    return job;
  }

  private MigrationJob saveProgress(MigrationJob job) {
    lease(job.table());
    jobs.save(job);
    return job;
  }

  private void lease(String table) {
    long now = clock.millis();
    Optional<JobStore.Lease> holder = jobs.acquire(table, owner, now,
        now + settings.lease().toMillis());
    if (holder.isPresent()) {
      String running = jobs.unfinished(table).map(j -> ": job " + j.id() + " (" + j.transition()
          + "), next step " + j.nextStep()).orElse("");
      throw new MigrationException("A migration of table '" + table + "' is already running"
          + running + ", run by " + holder.get().owner() + " (lease until "
          + Instant.ofEpochMilli(holder.get().untilMillis()) + "); try again when it is done",
          null);
    }
  }

  private TableLifecycle lifecycle(String table) {
    TableLifecycle t = tables.get(table);
    if (t == null) {
      throw new IllegalArgumentException("Table '" + table + "' has no lifecycle to run; "
          + "tiered tables: " + tables());
    }
    return t;
  }
}
