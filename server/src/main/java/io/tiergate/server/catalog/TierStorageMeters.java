package io.tiergate.server.catalog;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.tiergate.lifecycle.admin.StorageReport;
import io.tiergate.lifecycle.admin.StorageReport.TierRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tiergate_tier_rows}, {@code tiergate_tier_bytes} and
 * {@code tiergate_tier_monthly_cost_usd} per table, tier and storage class: what
 * {@code tiergate.tiers} shows. Measured when {@code /metrics} is scraped, at most once per
 * interval (measuring lists the cold prefix and counts the warm table, too much for every scrape),
 * and never in the background, so nothing reaches the stores while nobody looks. A measurement
 * that fails (a store down) keeps the last values and is logged.
 */
public final class TierStorageMeters {
  private static final Logger LOG = LoggerFactory.getLogger(TierStorageMeters.class);

  private final StorageReport report;
  private final MultiGauge rows;
  private final MultiGauge bytes;
  private final MultiGauge cost;
  private final long intervalNanos;
  private long measuredAt;
  private boolean measured;

  TierStorageMeters(MeterRegistry registry, StorageReport report, Duration every) {
    this.report = report;
    this.rows = MultiGauge.builder("tiergate.tier.rows")
        .description("Rows a tier holds, as tiergate.tiers measures them").register(registry);
    this.bytes = MultiGauge.builder("tiergate.tier.bytes").baseUnit("bytes")
        .description("Bytes a tier holds, as tiergate.tiers measures them").register(registry);
    this.cost = MultiGauge.builder("tiergate.tier.monthly.cost.usd")
        .description("A tier's monthly storage cost at the configured prices")
        .register(registry);
    this.intervalNanos = every.toNanos();
  }

  /** Measures every tier unless the last measurement is younger than the interval. */
  public synchronized void refreshIfStale() {
    long now = System.nanoTime();
    if (measured && now - measuredAt < intervalNanos) {
      return;
    }
    measured = true;
    measuredAt = now;
    List<TierRow> tiers;
    try {
      tiers = report.tiers();
    } catch (RuntimeException e) {
      LOG.warn("Could not measure the tiers' storage for /metrics (keeping the last values): {}",
          e.getMessage() == null ? e.toString() : e.getMessage());
      return;
    }
    rows.register(values(tiers, TierRow::rows), true);
    bytes.register(values(tiers, TierRow::bytes), true);
    cost.register(values(tiers, TierRow::monthlyCostUsd), true);
  }

  private static List<MultiGauge.Row<?>> values(List<TierRow> tiers,
      Function<TierRow, ? extends Number> value) {
    List<MultiGauge.Row<?>> values = new ArrayList<>();
    for (TierRow tier : tiers) {
      Number n = value.apply(tier);
      if (n != null) { // a store that cannot tell (no permission to measure) has no series
        values.add(MultiGauge.Row.of(Tags.of("table", tier.table(), "tier", tier.tier(),
            "storage_class", tier.storageClass() == null ? "none" : tier.storageClass()), n));
      }
    }
    return values;
  }
}
