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
    HeldLease lease = take(table);
    List<MigrationJob> done = new ArrayList<>();
    try {
      Optional<MigrationJob> unfinished = jobs.unfinished(table);
      if (unfinished.isPresent()) {
        LOG.info("Resuming job {} at {} under fencing token {}", unfinished.get().id(),
            unfinished.get().nextStep(), lease.token());
        // Saved under this run's token at once: the runner it takes over from cannot save
        // the job any more, even between two of its steps.
        MigrationJob resumed = unfinished.get().runUnder(lease.token());
        done.add(execute(t, saved(resumed, resumed.nextStep()), lease));
      }
      for (Transition transition : transitions) {
        if (!t.supports(transition)) {
          continue;
        }
        TierManifest manifest = manifests.current(table);
        for (PlannedMove move : planner.plan(transition, manifest, clock.millis())) {
          MigrationJob job = MigrationJob.start(table, jobs.nextSequence(table), transition,
              move.slice(), move.storageClass(), clock.millis(), lease.token());
          done.add(execute(t, saved(job, job.nextStep()), lease));
        }
      }
    } catch (RuntimeException e) {
      lease.release();
      throw e;
    }
    // Released only on a normal return or a handled failure: a runner that dies (an Error,
    // a killed process) keeps the lease until it expires, as a crashed gateway would.
    lease.release();
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

  private MigrationJob execute(TableLifecycle t, MigrationJob job, HeldLease lease) {
    for (Step step = job.nextStep(); step != null; step = job.nextStep()) {
      renew(lease, job, step);
      hook.before(job, step);
      long started = System.nanoTime();
      try {
        job = steps.run(t, job, step, lease, progress -> saved(renewed(lease, progress), null));
        LOG.info("Job {}: {} took {} ms", job.id(), step,
            (System.nanoTime() - started) / 1_000_000);
      } catch (JobStore.LeaseLostException e) {
        // Nothing saved, nothing undone: the job is the new holder's now.
        meters.step(job, step, System.nanoTime() - started, MigrationMeters.Outcome.INTERRUPTED);
        throw fencedOut(job, step, e);
      } catch (VerificationException | MigrationPlanner.ManifestMovedException e) {
        meters.step(job, step, System.nanoTime() - started, MigrationMeters.Outcome.FAILED);
        MigrationJob failed = saved(job.failed(e.getMessage(), clock.millis()), step);
        steps.abandon(t, failed);
        throw new MigrationException("Migration job " + job.id() + " failed at " + step + " and"
            + " changed nothing visible: " + e.getMessage(), e);
      } catch (RuntimeException e) {
        meters.step(job, step, System.nanoTime() - started, MigrationMeters.Outcome.INTERRUPTED);
        String reason = e.getMessage() == null ? e.toString() : e.getMessage();
        saved(job.interrupted(reason, clock.millis()), step);
        throw new MigrationException("Migration job " + job.id() + " (" + job.transition()
            + " of " + job.table() + " " + job.slice() + ") stopped at " + step + ": " + reason
            + ". No row was lost; the next run resumes it at " + step, e);
      }
      meters.step(job, step, System.nanoTime() - started, MigrationMeters.Outcome.OK);
      job = saved(job.done(step, clock.millis()), step);
      hook.after(job, step);
    }
    meters.jobDone(job, clock.millis());
    LOG.info("Job {} done: {} of {} {} ({} rows)", job.id(), job.transition(), job.table(),
        job.slice(), job.rowsDone());
    return job;
  }

  /**
   * Saves the job under its fencing token; {@code step} names where a refused save stopped it
   * (null on progress inside a step, which the step's own handler reports).
   */
  private MigrationJob saved(MigrationJob job, Step step) {
    try {
      jobs.save(job);
      return job;
    } catch (JobStore.LeaseLostException e) {
      if (step == null) {
        throw e;
      }
      throw fencedOut(job, step, e);
    }
  }

  private static MigrationJob renewed(HeldLease lease, MigrationJob job) {
    lease.renew();
    return job;
  }

  private void renew(HeldLease lease, MigrationJob job, Step step) {
    try {
      lease.renew();
    } catch (JobStore.LeaseLostException e) {
      throw fencedOut(job, step, e);
    }
  }

  /** A runner that paused past its lease and was taken over: it stops, writing nothing more. */
  private static MigrationException fencedOut(MigrationJob job, Step step,
      JobStore.LeaseLostException e) {
    String unchanged = switch (step) {
      case FLIP -> "nothing was flipped";
      case DELETE -> "it deleted nothing more";
      default -> "nothing it wrote is visible";
    };
    return new MigrationException("Migration job " + job.id() + " (" + job.transition() + " of "
        + job.table() + " " + job.slice() + ") stopped at " + step + ": " + e.getMessage()
        + "; " + unchanged + ", and the runner that took the lease over finishes the job", e);
  }

  private HeldLease take(String table) {
    try {
      return HeldLease.take(jobs, table, owner, clock, settings.lease());
    } catch (JobStore.LeaseHeldException e) {
      JobStore.Lease holder = e.holder();
      String running = jobs.unfinished(table).map(j -> ": job " + j.id() + " (" + j.transition()
          + "), next step " + j.nextStep()).orElse("");
      throw new MigrationException("A migration of table '" + table + "' is already running"
          + running + ", run by " + holder.owner() + " (lease until "
          + Instant.ofEpochMilli(holder.untilMillis()) + ", fencing token " + holder.token()
          + "); try again when it is done", e);
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
