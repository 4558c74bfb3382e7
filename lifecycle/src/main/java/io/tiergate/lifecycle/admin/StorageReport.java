package io.tiergate.lifecycle.admin;

import io.tiergate.planner.manifest.ColdStorageRun;
import io.tiergate.planner.manifest.ManifestStore;
import io.tiergate.planner.manifest.Tier;
import io.tiergate.planner.manifest.TierManifest;
import io.tiergate.planner.manifest.TimeSlice;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of {@code tiergate.tiers} and {@code tiergate.partitions}: the current manifest of
 * each tiered table, with what its stores say they hold. Computed when the table is read.
 */
public final class StorageReport {
  private final ManifestStore manifests;
  private final List<TableStorage> tables;
  private final StoragePrices prices;
  private final Clock clock;

  public StorageReport(ManifestStore manifests, List<TableStorage> tables, StoragePrices prices,
      Clock clock) {
    this.manifests = manifests;
    this.tables = List.copyOf(tables);
    this.prices = prices;
    this.clock = clock;
  }

  /** One row per table and tier, the cold tier one per storage class. */
  public List<TierRow> tiers() {
    List<TierRow> rows = new ArrayList<>();
    for (TableStorage t : tables) {
      TierManifest m = manifests.current(t.table());
      if (t.hot() != null) {
        rows.add(row(m, Tier.HOT, t.hotStore(), m.slice(Tier.HOT), null,
            t.hot().measure(m.slice(Tier.HOT))));
      }
      if (t.warm() != null) {
        rows.add(row(m, Tier.WARM, t.warmStore(), m.slice(Tier.WARM), null,
            t.warm().measure(m.slice(Tier.WARM))));
      }
      if (t.cold() != null) {
        Map<String, List<ColdPartition>> byClass = new LinkedHashMap<>();
        for (ColdPartition p : partitionsOf(t, m)) {
          byClass.computeIfAbsent(p.storageClass(), k -> new ArrayList<>()).add(p);
        }
        byClass.forEach((storageClass, parts) -> rows.add(row(m, Tier.COLD, t.coldStore(),
            span(parts).intersect(m.slice(Tier.COLD)), storageClass, sum(parts))));
      }
    }
    return rows;
  }

  /** One row per cold day partition and storage class. */
  public List<PartitionRow> partitions() {
    List<PartitionRow> rows = new ArrayList<>();
    long now = clock.millis();
    for (TableStorage t : tables) {
      if (t.cold() == null) {
        continue;
      }
      TierManifest m = manifests.current(t.table());
      for (ColdPartition p : partitionsOf(t, m)) {
        ColdStorageRun run = runOf(m, p.day());
        rows.add(new PartitionRow(t.table(), Tier.COLD.lowerName(), p, run == null
            || run.readableAt(now), run == null || run.restoredUntil() == 0 ? null
            : run.restoredUntil(), m.version()));
      }
    }
    return rows;
  }

  private List<ColdPartition> partitionsOf(TableStorage t, TierManifest m) {
    long now = clock.millis();
    return t.cold().list(m.slice(Tier.COLD), day -> {
      ColdStorageRun run = runOf(m, day);
      return run == null || run.readableAt(now);
    });
  }

  /** The manifest's run holding a day; null when no run covers it (readable, per the manifest). */
  private static ColdStorageRun runOf(TierManifest m, LocalDate day) {
    long start = startOf(day);
    return m.coldRuns().stream().filter(r -> r.slice().contains(start)).findFirst()
        .orElse(null);
  }

  private TierRow row(TierManifest m, Tier tier, String store, TimeSlice range,
      String storageClass, TierUsage usage) {
    return new TierRow(m.table(), tier.lowerName(), store,
        range.hasLowerBound() ? range.fromInclusive() : null,
        range.hasUpperBound() ? range.toExclusive() : null, storageClass, usage.rows(),
        usage.bytes(), prices.monthlyCost(tier, usage.bytes()), m.version());
  }

  private static TimeSlice span(List<ColdPartition> parts) {
    LocalDate first = parts.stream().map(ColdPartition::day).min(LocalDate::compareTo)
        .orElseThrow();
    LocalDate last = parts.stream().map(ColdPartition::day).max(LocalDate::compareTo)
        .orElseThrow();
    return new TimeSlice(startOf(first), startOf(last.plusDays(1)));
  }

  private static TierUsage sum(List<ColdPartition> parts) {
    boolean rowsKnown = parts.stream().allMatch(p -> p.rows() != null);
    return new TierUsage(rowsKnown ? parts.stream().mapToLong(ColdPartition::rows).sum() : null,
        parts.stream().mapToLong(ColdPartition::bytes).sum());
  }

  private static long startOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  /**
   * A row of {@code tiergate.tiers}.
   *
   * @param rangeFrom the slice's start, null when unbounded; {@code rangeTo} likewise
   */
  public record TierRow(String table, String tier, String store, Long rangeFrom, Long rangeTo,
      String storageClass, Long rows, Long bytes, Double monthlyCostUsd, long manifestVersion) {
  }

  /** A row of {@code tiergate.partitions}. */
  public record PartitionRow(String table, String tier, ColdPartition partition,
      boolean readable, Long restoredUntil, long manifestVersion) {
  }
}
