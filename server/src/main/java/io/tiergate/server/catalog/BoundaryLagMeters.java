package io.tiergate.server.catalog;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tiergate.lifecycle.migrate.LifecyclePolicy;
import io.tiergate.planner.manifest.ManifestStore;
import io.tiergate.planner.manifest.TierManifest;
import java.time.Clock;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import java.util.function.ToLongFunction;

/**
 * {@code tiergate_tier_boundary_lag_seconds{table,tier}}: how far each tier's lower boundary in
 * the manifest is behind where the table's policy puts it now. Tier {@code hot} is the hot/warm
 * boundary (rows the hot tier still holds though they are older than the hot age), {@code warm}
 * the warm/cold boundary, {@code cold} the expiry floor. Zero when the lifecycle is up to date;
 * a value that keeps growing means migrations are not running (ADR-002's transition alert).
 */
final class BoundaryLagMeters {
  private BoundaryLagMeters() {
  }

  /** @param manifests a cached store: a scrape reads every table's manifest */
  static void register(MeterRegistry registry, ManifestStore manifests,
      Map<String, LifecyclePolicy> policies, Clock clock) {
    policies.forEach((table, policy) -> {
      gauge(registry, manifests, clock, table, "hot", TierManifest::hotFloor, policy::hotFloor);
      gauge(registry, manifests, clock, table, "warm", TierManifest::warmFloor,
          policy::warmFloor);
      gauge(registry, manifests, clock, table, "cold", TierManifest::coldFloor,
          policy::coldFloor);
    });
  }

  private static void gauge(MeterRegistry registry, ManifestStore manifests, Clock clock,
      String table, String tier, ToLongFunction<TierManifest> boundary,
      LongUnaryOperator policyBoundary) {
    Gauge.builder("tiergate.tier.boundary.lag", () -> {
      long due = policyBoundary.applyAsLong(clock.millis());
      long actual = boundary.applyAsLong(manifests.current(table));
      return Math.max(0, due - actual) / 1000.0;
    }).description("How far the tier's lower boundary is behind its policy age")
        .baseUnit("seconds").tag("table", table).tag("tier", tier).register(registry);
  }
}
