package io.tiergate.planner.manifest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which tier holds which time of one tiered table, at one version, and which S3 storage class
 * holds each run of cold partitions.
 *
 * <p>Invariant: {@code coldFloor <= warmFloor <= hotFloor}. Hot owns {@code [hotFloor, +inf)},
 * warm {@code [warmFloor, hotFloor)}, cold {@code [coldFloor, warmFloor)}; anything older than
 * {@code coldFloor} is expired. A query reads one version and keeps it for its whole life, so a
 * row that exists in two stores mid-migration is still read from exactly one of them.
 *
 * <p>{@code coldRuns} are sorted and do not overlap; time of the cold slice that no run covers
 * is readable (a table whose cold tier does not record classes).
 */
public record TierManifest(String table, long version, long coldFloor, long warmFloor,
    long hotFloor, List<ColdStorageRun> coldRuns) {

  public TierManifest {
    if (coldFloor > warmFloor || warmFloor > hotFloor) {
      throw new IllegalArgumentException("Manifest of table '" + table
          + "' must have coldFloor <= warmFloor <= hotFloor, got " + Instant.ofEpochMilli(coldFloor)
          + ", " + Instant.ofEpochMilli(warmFloor) + ", " + Instant.ofEpochMilli(hotFloor));
    }
    coldRuns = coldRuns.stream().filter(r -> !r.slice().isEmpty())
        .sorted(java.util.Comparator.comparingLong(r -> r.slice().fromInclusive())).toList();
    for (int i = 1; i < coldRuns.size(); i++) {
      if (coldRuns.get(i).slice().fromInclusive() < coldRuns.get(i - 1).slice().toExclusive()) {
        throw new IllegalArgumentException("Manifest of table '" + table
            + "' has overlapping cold storage runs " + coldRuns.get(i - 1) + " and "
            + coldRuns.get(i));
      }
    }
  }

  public TierManifest(String table, long version, long coldFloor, long warmFloor,
      long hotFloor) {
    this(table, version, coldFloor, warmFloor, hotFloor, List.of());
  }

  public TimeSlice slice(Tier tier) {
    return switch (tier) {
      case HOT -> new TimeSlice(hotFloor, Long.MAX_VALUE);
      case WARM -> new TimeSlice(warmFloor, hotFloor);
      case COLD -> new TimeSlice(coldFloor, warmFloor);
    };
  }

  /** The tier that owns a given event time, or null when it is expired. */
  public Tier tierOf(long millis) {
    for (Tier tier : Tier.values()) {
      if (slice(tier).contains(millis)) {
        return tier;
      }
    }
    return null;
  }

  public TierManifest next(long newColdFloor, long newWarmFloor, long newHotFloor) {
    return new TierManifest(table, version + 1, newColdFloor, newWarmFloor, newHotFloor,
        coldRuns);
  }

  /**
   * The runs of the cold slice in a class that needs a restore before a read, whether restored
   * now or not (a plan keeps them and checks {@link ColdStorageRun#readableAt} when it runs).
   */
  public List<ColdStorageRun> archivedRuns() {
    TimeSlice cold = slice(Tier.COLD);
    return coldRuns.stream().filter(ColdStorageRun::needsRestore)
        .map(r -> r.clip(cold)).filter(r -> !r.slice().isEmpty()).toList();
  }

  /**
   * The next version, with the archived runs' time inside {@code range} readable until
   * {@code until}: runs are split at the range's ends, so a restore of one month leaves the
   * rest of a run as it was.
   */
  public TierManifest withRestored(TimeSlice range, long until) {
    List<ColdStorageRun> runs = new ArrayList<>();
    for (ColdStorageRun run : coldRuns) {
      TimeSlice inside = run.slice().intersect(range);
      if (!run.needsRestore() || inside.isEmpty()) {
        runs.add(run);
        continue;
      }
      runs.add(run.clip(new TimeSlice(run.slice().fromInclusive(), inside.fromInclusive())));
      runs.add(run.clip(inside).restoredUntil(Math.max(until, run.restoredUntil())));
      runs.add(run.clip(new TimeSlice(inside.toExclusive(), run.slice().toExclusive())));
    }
    return new TierManifest(table, version + 1, coldFloor, warmFloor, hotFloor, runs);
  }

  /**
   * The next version, with the cold time in {@code range} recorded in {@code storageClass}:
   * runs are split at the range's ends and equal neighbours merged, so the manifest stays a
   * handful of runs however often classes change.
   */
  public TierManifest withColdClass(TimeSlice range, String storageClass, boolean needsRestore) {
    List<ColdStorageRun> runs = new ArrayList<>();
    for (ColdStorageRun run : coldRuns) {
      runs.add(run.clip(new TimeSlice(run.slice().fromInclusive(), range.fromInclusive())));
      runs.add(run.clip(new TimeSlice(range.toExclusive(), run.slice().toExclusive())));
    }
    runs.add(new ColdStorageRun(range, storageClass, needsRestore, 0));
    return new TierManifest(table, version + 1, coldFloor, warmFloor, hotFloor, merge(runs));
  }

  /** The next version with new floors; runs wholly below the cold floor are dropped. */
  public TierManifest withFloors(long newColdFloor, long newWarmFloor, long newHotFloor) {
    TimeSlice kept = new TimeSlice(newColdFloor, Long.MAX_VALUE);
    return new TierManifest(table, version + 1, newColdFloor, newWarmFloor, newHotFloor,
        coldRuns.stream().map(r -> r.clip(kept)).toList());
  }

  private static List<ColdStorageRun> merge(List<ColdStorageRun> runs) {
    List<ColdStorageRun> sorted = runs.stream().filter(r -> !r.slice().isEmpty())
        .sorted(java.util.Comparator.comparingLong(r -> r.slice().fromInclusive())).toList();
    List<ColdStorageRun> merged = new ArrayList<>();
    for (ColdStorageRun run : sorted) {
      ColdStorageRun last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && last.slice().toExclusive() == run.slice().fromInclusive()
          && last.storageClass().equals(run.storageClass())
          && last.needsRestore() == run.needsRestore()
          && last.restoredUntil() == run.restoredUntil()) {
        merged.set(merged.size() - 1, new ColdStorageRun(new TimeSlice(
            last.slice().fromInclusive(), run.slice().toExclusive()), run.storageClass(),
            run.needsRestore(), run.restoredUntil()));
      } else {
        merged.add(run);
      }
    }
    return merged;
  }
}
