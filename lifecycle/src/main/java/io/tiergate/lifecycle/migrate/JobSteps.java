package io.tiergate.lifecycle.migrate;

import io.tiergate.adapter.s3.S3ObjectInfo;
import io.tiergate.adapter.s3.S3StorageClass;
import io.tiergate.planner.manifest.ManifestStore;
import io.tiergate.planner.manifest.TierManifest;
import io.tiergate.planner.manifest.TimeSlice;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each step of each transition does to the stores. Every step can run again after a crash
 * with the same outcome: files are named by job number, loads replace whole days, FLIP sees a
 * manifest that already shows its move, deletes of what is gone are no-ops.
 */
final class JobSteps {
  private static final Logger LOG = LoggerFactory.getLogger(JobSteps.class);
  private static final int MANIFEST_ATTEMPTS = 3;

  private final ManifestStore manifests;
  private final ActiveQueries queries;
  private final Clock clock;
  private final Duration minDrain;
  private final Duration maxDrain;

  JobSteps(ManifestStore manifests, ActiveQueries queries, Clock clock, Duration minDrain,
      Duration maxDrain) {
    this.manifests = manifests;
    this.queries = queries;
    this.clock = clock;
    this.minDrain = minDrain;
    this.maxDrain = maxDrain;
  }

  /**
   * Runs {@code step}; {@code save} persists progress on the way (and renews the lease). FLIP
   * and every DELETE batch are fenced by {@code lease}: they happen only while it still holds.
   *
   * @return the job with what the step learned (checksums, the flipped version)
   * @throws JobStore.LeaseLostException when another runner took the lease over
   */
  MigrationJob run(TableLifecycle t, MigrationJob job, Step step, HeldLease lease,
      UnaryOperator<MigrationJob> save) {
    return switch (step) {
      case COPY -> copy(t, job, save);
      case VERIFY -> verify(t, job);
      case FLIP -> flip(job, lease);
      case DRAIN -> drain(job);
      case DELETE -> delete(t, job, lease::renew);
    };
  }

  private MigrationJob copy(TableLifecycle t, MigrationJob job, UnaryOperator<MigrationJob> save) {
    switch (job.transition()) {
      case HOT_TO_WARM -> {
        return copyByDay(t, job, save, t.hot().rows(job.slice()), (day, rows) ->
            t.warm().writeAndLoad(day, job.sequence(), rows));
      }
      case WARM_TO_COLD -> {
        S3StorageClass target = S3StorageClass.fromAws(job.storageClass());
        return copyByDay(t, job, save, t.warm().rows(job.slice()), (day, rows) ->
            t.cold().write(day, job.sequence(), rows, target));
      }
      case COLD_CLASS -> {
        int changed = t.cold().changeClass(job.slice(), S3StorageClass.fromAws(job.storageClass()));
        return job.progress(changed, changed, now());
      }
      default -> throw new IllegalStateException(job.transition() + " has no COPY step");
    }
  }

  /** Writes the source's rows a day at a time, saving progress after each day. */
  private MigrationJob copyByDay(TableLifecycle t, MigrationJob job,
      UnaryOperator<MigrationJob> save, List<Object[]> rows,
      BiConsumer<LocalDate, List<Object[]>> writeDay) {
    var saved = new AtomicReference<>(save.apply(job.progress(0, rows.size(), now())));
    ParallelDays.write(byDay(t, rows), writeDay,
        done -> saved.set(save.apply(saved.get().progress(done, rows.size(), now()))));
    return saved.get().copied(t.checksum(rows), now());
  }

  private MigrationJob verify(TableLifecycle t, MigrationJob job) {
    switch (job.transition()) {
      case HOT_TO_WARM -> {
        ColdSliceStore files = t.warm().files();
        // Per day: the job's file read back, and the rows of the target carrying its keys; whole
        // rows, every column of the table's schema, as the source's checksum covers.
        List<DayCheck> days = ParallelDays.map(files.daysWithPart(job.slice(),
            job.sequence()), day -> {
              List<Object[]> copied = files.read(day, job.sequence(), t.columns());
              Set<List<Object>> keys = new HashSet<>();
              copied.forEach(row -> keys.add(t.key(row)));
              TimeSlice dayRange = new TimeSlice(LifecyclePolicy.startOf(day),
                  LifecyclePolicy.startOf(day.plusDays(1))).intersect(job.slice());
              return new DayCheck(t.checksum(copied), t.checksum(
                  t.warm().rows(dayRange, t.columns()).stream()
                      .filter(r -> keys.contains(t.key(r))).toList()));
            });
        RowChecksum inFiles = RowChecksum.EMPTY;
        RowChecksum loaded = RowChecksum.EMPTY;
        for (DayCheck day : days) {
          inFiles = inFiles.plus(day.inFiles());
          loaded = loaded.plus(day.loaded());
        }
        expectEqual(job, "its Parquet files on " + files.layout().root(), inFiles);
        expectEqual(job, t.warm().table().name(), loaded);
      }
      case WARM_TO_COLD -> {
        expectEqual(job, "its Parquet files on " + t.cold().layout().root(),
            t.checksum(jobRows(t.cold(), job, t.columns())));
        S3StorageClass target = S3StorageClass.fromAws(job.storageClass());
        List<String> wrongClass = t.cold().objects(job.slice()).stream()
            .filter(o -> t.cold().layout().parse(o.key()).orElseThrow().part() == job.sequence())
            .filter(o -> o.storageClass() != target).map(S3ObjectInfo::uri).toList();
        if (!wrongClass.isEmpty()) {
          throw new VerificationException("Job " + job.id() + ": " + wrongClass
              + " are not in " + target.awsName());
        }
      }
      case COLD_CLASS -> {
        S3StorageClass target = S3StorageClass.fromAws(job.storageClass());
        List<String> behind = t.cold().notIn(job.slice(), target).stream()
            .map(S3ObjectInfo::uri).toList();
        if (!behind.isEmpty()) {
          throw new VerificationException("Job " + job.id() + ": " + behind.size()
              + " objects still report another class than " + target.awsName() + ": "
              + (behind.size() > 5 ? behind.subList(0, 5) + " ..." : behind));
        }
      }
      default -> throw new IllegalStateException(job.transition() + " has no VERIFY step");
    }
    return job;
  }

  /** {@code columns} of the rows a job wrote: its part of every day of its slice. */
  private static List<Object[]> jobRows(ColdSliceStore files, MigrationJob job,
      List<String> columns) {
    List<Object[]> rows = new ArrayList<>();
    for (LocalDate day : files.daysWithPart(job.slice(), job.sequence())) {
      rows.addAll(files.read(day, job.sequence(), columns));
    }
    return rows;
  }

  private static void expectEqual(MigrationJob job, String target, RowChecksum actual) {
    if (!actual.equals(job.source())) {
      throw new VerificationException("Job " + job.id() + " (" + job.transition() + " of "
          + job.table() + " " + job.slice() + "): the source held " + job.source() + ", "
          + target + " holds " + actual);
    }
  }

  private MigrationJob flip(MigrationJob job, HeldLease lease) {
    for (int attempt = 1; ; attempt++) {
      TierManifest current = manifests.current(job.table());
      TierManifest next = MigrationPlanner.flip(current, job.move());
      if (next == current) {
        // Flipped before (by this job before a crash, or by the runner that took over from
        // this one): a runner taken over stops here too rather than go on to DELETE.
        lease.renew();
        return job.flipped(current.version(), now());
      }
      try {
        lease.flip(next);
        LOG.info("Job {}: manifest of {} flipped to version {}", job.id(), job.table(),
            next.version());
        return job.flipped(next.version(), now());
      } catch (ManifestStore.ManifestConflictException e) {
        // A restore or another writer got in first: re-read, and re-apply if it still fits.
        if (attempt == MANIFEST_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /**
   * Waits until no query of this gateway reads a version before the flip, and at least as long
   * as a gateway may keep planning with a cached manifest.
   */
  private MigrationJob drain(MigrationJob job) {
    long start = clock.millis();
    while (true) {
      long waited = clock.millis() - start;
      int pinned = queries.pinnedBefore(job.table(), job.flippedVersion());
      if (pinned == 0 && waited >= minDrain.toMillis()) {
        return job;
      }
      if (waited > maxDrain.toMillis()) {
        throw new IllegalStateException(pinned + " queries of table '" + job.table()
            + "' still read manifest versions before " + job.flippedVersion() + " after "
            + maxDrain.toSeconds() + " s (lifecycle.max-drain)");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while draining", e);
      }
    }
  }

  /** @param fence run before each batch; throws when this runner's lease was taken over */
  private MigrationJob delete(TableLifecycle t, MigrationJob job, Runnable fence) {
    switch (job.transition()) {
      case HOT_TO_WARM -> {
        // Only what the job copied: a late row that arrived since stays for the next run.
        int deleted = t.hot().delete(jobRows(t.warm().files(), job,
            t.columns()), fence);
        LOG.info("Job {}: deleted {} moved rows from DynamoDB", job.id(), deleted);
      }
      case WARM_TO_COLD -> LOG.info("Job {}: deleted {} rows from {}", job.id(),
          t.warm().delete(job.slice(), fence), t.warm().table().name());
      case EXPIRE -> LOG.info("Job {}: deleted {} expired objects", job.id(),
          t.cold().deleteDays(job.slice(), fence));
      default -> throw new IllegalStateException(job.transition() + " has no DELETE step");
    }
    return job;
  }

  /**
   * Undoes what a failed job wrote, so the next job of the same slice starts clean: its files
   * go, and warm days it loaded are loaded again without them. Nothing it wrote was visible.
   */
  void abandon(TableLifecycle t, MigrationJob job) {
    try {
      if (job.transition() == Transition.HOT_TO_WARM) {
        ColdSliceStore files = t.warm().files();
        for (LocalDate day : files.daysWithPart(job.slice(), job.sequence())) {
          files.objects().delete(files.bucket(), List.of(
              files.layout().partKey(day, (int) job.sequence())));
          t.warm().reload(day);
        }
      } else if (job.transition() == Transition.WARM_TO_COLD) {
        ColdSliceStore files = t.cold();
        for (LocalDate day : files.daysWithPart(job.slice(), job.sequence())) {
          files.objects().delete(files.bucket(), List.of(
              files.layout().partKey(day, (int) job.sequence())));
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("Job {}: cleaning up after the failure did not finish; its files stay and are "
          + "invisible to queries", job.id(), e);
    }
  }

  /** One day of a hot-to-warm VERIFY: the job's file and the warm rows with its keys. */
  private record DayCheck(RowChecksum inFiles, RowChecksum loaded) {
  }

  private static Map<LocalDate, List<Object[]>> byDay(TableLifecycle t, List<Object[]> rows) {
    Map<LocalDate, List<Object[]>> days = new TreeMap<>();
    for (Object[] row : rows) {
      days.computeIfAbsent(LifecyclePolicy.day(t.time(row)), d -> new ArrayList<>()).add(row);
    }
    return days;
  }

  private long now() {
    return clock.millis();
  }
}
