package io.tiergate.lifecycle.restore;

import io.tiergate.adapter.s3.DayPartitionLayout;
import io.tiergate.adapter.s3.ObjectRestorer;
import io.tiergate.adapter.s3.RestoreState;
import io.tiergate.adapter.s3.RetrievalTier;
import io.tiergate.adapter.s3.S3ObjectInfo;
import io.tiergate.adapter.s3.S3ObjectStore;
import io.tiergate.adapter.s3.S3StorageClass;
import io.tiergate.planner.manifest.ArchivedDataException;
import io.tiergate.planner.manifest.ColdStorageRun;
import io.tiergate.planner.manifest.ManifestStore;
import io.tiergate.planner.manifest.Tier;
import io.tiergate.planner.manifest.TierManifest;
import io.tiergate.planner.manifest.TimeSlice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code CALL tiergate.restore(table, from, to, tier)}: asks S3 to restore the archived cold
 * partitions of a time range, and once every object is readable writes the next manifest
 * version marking the range restored until the earliest copy expires, which is what lets
 * queries read it. Calling again while S3 works is harmless and reports progress.
 */
public final class RestoreService {
  private static final Logger LOG = LoggerFactory.getLogger(RestoreService.class);
  private static final int MANIFEST_ATTEMPTS = 3;

  private final ManifestStore manifests;
  private final S3ObjectStore objects;
  private final ObjectRestorer restorer;
  private final Map<String, DayPartitionLayout> coldLayouts;
  private final int restoreDays;
  private final Clock clock;

  /**
   * @param coldLayouts where each tiered table keeps its cold day partitions
   * @param restoreDays how long S3 keeps a restored copy readable
   */
  public RestoreService(ManifestStore manifests, S3ObjectStore objects, ObjectRestorer restorer,
      Map<String, DayPartitionLayout> coldLayouts, int restoreDays, Clock clock) {
    this.manifests = manifests;
    this.objects = objects;
    this.restorer = restorer;
    this.coldLayouts = Map.copyOf(coldLayouts);
    this.restoreDays = restoreDays;
    this.clock = clock;
  }

  public List<RestoreOutcome> restore(String table, long fromMillis, long toMillis,
      RetrievalTier tier) {
    DayPartitionLayout layout = coldLayouts.get(table);
    if (layout == null) {
      throw new IllegalArgumentException("Table '" + table + "' has no cold tier on S3 to "
          + "restore; tables with one: " + coldLayouts.keySet());
    }
    if (fromMillis >= toMillis) {
      throw new IllegalArgumentException("Restore of table '" + table + "': the range is empty ("
          + Instant.ofEpochMilli(fromMillis) + " is not before " + Instant.ofEpochMilli(toMillis)
          + ")");
    }
    TierManifest manifest = manifests.current(table);
    // Partitions are whole days: a range touching part of a day restores all of it.
    TimeSlice range = new TimeSlice(ArchivedDataException.dayFloor(fromMillis),
        ArchivedDataException.dayCeiling(toMillis));
    List<ColdStorageRun> runs = new ArrayList<>();
    for (ColdStorageRun run : manifest.archivedRuns()) {
      TimeSlice days = new TimeSlice(ArchivedDataException.dayFloor(run.slice().fromInclusive()),
          ArchivedDataException.dayCeiling(run.slice().toExclusive())).intersect(range);
      if (!days.isEmpty()) {
        runs.add(new ColdStorageRun(days, run.storageClass(), true, run.restoredUntil()));
      }
    }
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("Table '" + table + "' has nothing in S3 Glacier "
          + "Flexible Retrieval or Deep Archive between " + Instant.ofEpochMilli(fromMillis)
          + " and " + Instant.ofEpochMilli(toMillis) + "; nothing to restore (cold tier: "
          + manifest.slice(Tier.COLD) + ")");
    }
    for (ColdStorageRun run : runs) {
      if (!tier.supports(S3StorageClass.fromAws(run.storageClass()))) {
        throw new IllegalArgumentException("Restore of table '" + table + "': partitions from "
            + day(run.slice().fromInclusive()) + " are in Glacier Deep Archive, which has no "
            + tier + " retrieval; use STANDARD (within 12 hours) or BULK (within 48 hours)");
      }
    }
    Map<ColdStorageRun, List<S3ObjectInfo>> byRun = archivedObjects(layout, runs);
    List<RestoreOutcome> outcomes = new ArrayList<>();
    boolean allRestored = true;
    Instant readableUntil = clock.instant().plus(Duration.ofDays(restoreDays));
    for (var entry : byRun.entrySet()) {
      ColdStorageRun run = entry.getKey();
      int restored = 0;
      Instant runUntil = null;
      for (S3ObjectInfo object : entry.getValue()) {
        RestoreState state = restorer.state(object);
        if (state.phase() == RestoreState.Phase.NOT_REQUESTED) {
          restorer.request(object, restoreDays, tier);
          state = restorer.state(object);
        }
        if (state.phase() == RestoreState.Phase.RESTORED) {
          restored++;
          runUntil = runUntil == null || state.readableUntil().isBefore(runUntil)
              ? state.readableUntil() : runUntil;
        }
      }
      boolean done = restored == entry.getValue().size();
      allRestored &= done;
      if (runUntil != null && runUntil.isBefore(readableUntil)) {
        readableUntil = runUntil;
      }
      LocalDate first = day(run.slice().fromInclusive());
      LocalDate last = day(run.slice().toExclusive() - 1);
      outcomes.add(new RestoreOutcome(table, run.storageClass(), first, last,
          (int) (last.toEpochDay() - first.toEpochDay() + 1), entry.getValue().size(), restored,
          done ? "RESTORED" : "IN_PROGRESS", done ? runUntil : null));
    }
    if (allRestored) {
      markRestored(table, runs, readableUntil);
      Instant until = readableUntil;
      outcomes.replaceAll(o -> new RestoreOutcome(o.table(), o.storageClass(), o.firstDay(),
          o.lastDay(), o.partitions(), o.objects(), o.restoredObjects(), o.state(), until));
    }
    LOG.info("Restore of {} {} .. {} ({}): {}", table, range, tier, allRestored ? "done"
        : "in progress", outcomes);
    return outcomes;
  }

  /** The archived objects of each run, from one listing of the table's cold prefix. */
  private Map<ColdStorageRun, List<S3ObjectInfo>> archivedObjects(DayPartitionLayout layout,
      List<ColdStorageRun> runs) {
    Map<ColdStorageRun, List<S3ObjectInfo>> byRun = new LinkedHashMap<>();
    runs.forEach(run -> byRun.put(run, new ArrayList<>()));
    for (S3ObjectInfo object : objects.list(layout.root().bucket(), layout.root().keyPrefix())) {
      Optional<DayPartitionLayout.PartFile> part = layout.parse(object.key());
      if (part.isEmpty() || !object.storageClass().requiresRestore()) {
        continue;
      }
      long dayStart = part.get().day().atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
          .toEpochMilli();
      for (ColdStorageRun run : runs) {
        if (run.slice().contains(dayStart)) {
          byRun.get(run).add(object);
        }
      }
    }
    return byRun;
  }

  /** Writes the next manifest version; a concurrent writer makes it re-read and re-apply. */
  private void markRestored(String table, List<ColdStorageRun> runs, Instant until) {
    for (int attempt = 1; ; attempt++) {
      TierManifest current = manifests.current(table);
      TierManifest next = current;
      for (ColdStorageRun run : runs) {
        next = next.withRestored(run.slice(), until.toEpochMilli());
      }
      // One version step for the whole call, however many runs it split.
      next = new TierManifest(table, current.version() + 1, next.coldFloor(), next.warmFloor(),
          next.hotFloor(), next.coldRuns());
      try {
        manifests.write(next);
        return;
      } catch (ManifestStore.ManifestConflictException e) {
        if (attempt == MANIFEST_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static LocalDate day(long millis) {
    return DayPartitionLayout.dayOf(millis);
  }
}
