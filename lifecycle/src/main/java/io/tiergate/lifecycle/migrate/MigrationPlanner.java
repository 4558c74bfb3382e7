package io.tiergate.lifecycle.migrate;

import io.tiergate.adapter.s3.S3StorageClass;
import io.tiergate.planner.manifest.ColdStorageRun;
import io.tiergate.planner.manifest.Tier;
import io.tiergate.planner.manifest.TierManifest;
import io.tiergate.planner.manifest.TimeSlice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a run should move, from the current manifest, the table's policy and the clock; and the
 * manifest each move leads to. Pure, so a dry run shows exactly what the run would do.
 */
public final class MigrationPlanner {
  private final LifecyclePolicy policy;

  public MigrationPlanner(LifecyclePolicy policy) {
    this.policy = policy;
  }

  public LifecyclePolicy policy() {
    return policy;
  }

  /**
   * The moves of one transition. Hot to warm is planned on every run even when the boundary
   * stays: it also moves late rows, written to DynamoDB after their day left the hot tier,
   * which no query reads until they are moved.
   */
  public List<PlannedMove> plan(Transition transition, TierManifest m, long nowMillis) {
    return switch (transition) {
      case HOT_TO_WARM -> List.of(new PlannedMove(transition, new TimeSlice(m.warmFloor(),
          Math.max(m.hotFloor(), policy.hotFloor(nowMillis))), null));
      case WARM_TO_COLD -> {
        long to = Math.min(policy.warmFloor(nowMillis), m.hotFloor());
        yield to > m.warmFloor() ? List.of(new PlannedMove(transition,
            new TimeSlice(m.warmFloor(), to), policy.coldClass(to, nowMillis).awsName()))
            : List.of();
      }
      case COLD_CLASS -> colderClasses(m, nowMillis);
      case EXPIRE -> {
        long to = Math.min(policy.coldFloor(nowMillis), m.warmFloor());
        yield to > m.coldFloor() ? List.of(new PlannedMove(transition,
            new TimeSlice(m.coldFloor(), to), null)) : List.of();
      }
    };
  }

  /** Cold runs now old enough for a colder class: Deep Archive first, then Flexible. */
  private List<PlannedMove> colderClasses(TierManifest m, long nowMillis) {
    List<PlannedMove> moves = new ArrayList<>();
    TimeSlice cold = m.slice(Tier.COLD);
    long deepBefore = policy.deepArchiveBefore(nowMillis);
    long flexibleBefore = policy.flexibleBefore(nowMillis);
    colder(m, new TimeSlice(cold.fromInclusive(), Math.min(deepBefore, cold.toExclusive())),
        S3StorageClass.DEEP_ARCHIVE).ifPresent(moves::add);
    colder(m, new TimeSlice(Math.max(deepBefore, cold.fromInclusive()),
        Math.min(flexibleBefore, cold.toExclusive())), S3StorageClass.GLACIER)
        .ifPresent(moves::add);
    return moves;
  }

  /** The span of {@code range} whose runs are in a warmer class than {@code target}. */
  private static Optional<PlannedMove> colder(TierManifest m, TimeSlice range,
      S3StorageClass target) {
    long from = Long.MAX_VALUE;
    long to = Long.MIN_VALUE;
    for (ColdStorageRun run : m.coldRuns()) {
      TimeSlice inside = run.slice().intersect(range);
      if (!inside.isEmpty() && rank(S3StorageClass.fromAws(run.storageClass())) < rank(target)) {
        from = Math.min(from, inside.fromInclusive());
        to = Math.max(to, inside.toExclusive());
      }
    }
    return from < to ? Optional.of(new PlannedMove(Transition.COLD_CLASS,
        new TimeSlice(from, to), target.awsName())) : Optional.empty();
  }

  private static int rank(S3StorageClass c) {
    return switch (c) {
      case DEEP_ARCHIVE -> 3;
      case GLACIER -> 2;
      case GLACIER_IR -> 1;
      default -> 0;
    };
  }

  /**
   * The manifest after a move's FLIP, or {@code m} itself when it already shows the move (a
   * FLIP repeated after a crash). Fails when the manifest moved in a way the job did not expect.
   */
  public static TierManifest flip(TierManifest m, PlannedMove move) {
    TimeSlice s = move.slice();
    switch (move.transition()) {
      case HOT_TO_WARM -> {
        if (m.hotFloor() >= s.toExclusive()) {
          return m;
        }
        expect(m, m.warmFloor() <= s.fromInclusive(), move);
        return m.withFloors(m.coldFloor(), m.warmFloor(), s.toExclusive());
      }
      case WARM_TO_COLD -> {
        if (m.warmFloor() >= s.toExclusive()) {
          return m;
        }
        expect(m, m.warmFloor() == s.fromInclusive() && m.hotFloor() >= s.toExclusive(), move);
        S3StorageClass c = S3StorageClass.fromAws(move.storageClass());
        TierManifest floors = m.withFloors(m.coldFloor(), s.toExclusive(), m.hotFloor());
        return sameVersionStep(m, floors.withColdClass(s, c.awsName(), c.requiresRestore()));
      }
      case COLD_CLASS -> {
        S3StorageClass c = S3StorageClass.fromAws(move.storageClass());
        if (covered(m, s, c.awsName())) {
          return m;
        }
        return m.withColdClass(s, c.awsName(), c.requiresRestore());
      }
      case EXPIRE -> {
        if (m.coldFloor() >= s.toExclusive()) {
          return m;
        }
        expect(m, m.warmFloor() >= s.toExclusive(), move);
        return m.withFloors(s.toExclusive(), m.warmFloor(), m.hotFloor());
      }
      default -> throw new AssertionError(move.transition());
    }
  }

  /** One version step from {@code m}, whatever steps built {@code next}. */
  private static TierManifest sameVersionStep(TierManifest m, TierManifest next) {
    return new TierManifest(m.table(), m.version() + 1, next.coldFloor(), next.warmFloor(),
        next.hotFloor(), next.coldRuns());
  }

  /** Whether runs of class {@code storageClass} cover all of {@code s}. */
  private static boolean covered(TierManifest m, TimeSlice s, String storageClass) {
    long at = s.fromInclusive();
    for (ColdStorageRun r : m.coldRuns()) {
      if (r.storageClass().equals(storageClass) && r.slice().fromInclusive() <= at
          && r.slice().toExclusive() > at) {
        at = r.slice().toExclusive();
      }
    }
    return at >= s.toExclusive();
  }

  private static void expect(TierManifest m, boolean ok, PlannedMove move) {
    if (!ok) {
      throw new ManifestMovedException("Manifest of table '" + m.table() + "' (version "
          + m.version() + ": cold " + m.slice(Tier.COLD) + ", warm " + m.slice(Tier.WARM)
          + ", hot from " + Instant.ofEpochMilli(m.hotFloor()) + ") no longer fits the "
          + move.transition() + " of " + move.slice() + ": another writer moved a boundary");
    }
  }

  /** The manifest moved under a job in a way it cannot build on. */
  public static final class ManifestMovedException extends RuntimeException {
    public ManifestMovedException(String message) {
      super(message);
    }
  }
}
