package io.tiergate.server.alert;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metrics an alert rule may watch, by the names {@code /metrics} shows (so a rule reads
 * like its Prometheus twin in {@code ops/prometheus/tiergate-rules.yml}), each with the
 * Micrometer meter it is read from, how, and the labels its alerts are grouped by. A rule's
 * {@code labels} may also filter on {@code filterLabels} that are summed over.
 */
public enum AlertMetric {
  TIER_MONTHLY_COST("tiergate_tier_monthly_cost_usd", AlertKind.COST, Reading.GAUGE,
      "tiergate.tier.monthly.cost.usd", List.of("table", "tier"), List.of("storage_class")),
  /** The percentage by which a tier's monthly cost rose within the rule's window. */
  TIER_MONTHLY_COST_INCREASE("tiergate_tier_monthly_cost_increase_percent", AlertKind.COST,
      Reading.GAUGE_INCREASE_PERCENT, "tiergate.tier.monthly.cost.usd",
      List.of("table", "tier"), List.of("storage_class")),
  /** The 99th percentile of each store's request time over the rule's window, in seconds. */
  STORE_REQUEST_P99("tiergate_store_request_seconds_p99", AlertKind.PERFORMANCE,
      Reading.P99, "tiergate.store.request", List.of("store"),
      List.of("operation", "outcome")),
  /** Failed or interrupted migration jobs within the rule's window. */
  MIGRATION_FAILURES("tiergate_migration_failures_total", AlertKind.TRANSITIONS,
      Reading.COUNTER_INCREASE, "tiergate.migration.failures",
      List.of("table", "transition", "step"), List.of("outcome")),
  MIGRATION_RUNNING_STEP("tiergate_migration_running_step_seconds", AlertKind.TRANSITIONS,
      Reading.GAUGE, "tiergate.migration.running.step", List.of("table"), List.of()),
  BOUNDARY_LAG("tiergate_tier_boundary_lag_seconds", AlertKind.TRANSITIONS, Reading.GAUGE,
      "tiergate.tier.boundary.lag", List.of("table", "tier"), List.of()),
  TIER_BYTES("tiergate_tier_bytes", AlertKind.CAPACITY, Reading.GAUGE, "tiergate.tier.bytes",
      List.of("table", "tier", "storage_class"), List.of()),
  TIER_ROWS("tiergate_tier_rows", AlertKind.CAPACITY, Reading.GAUGE, "tiergate.tier.rows",
      List.of("table", "tier", "storage_class"), List.of()),
  REDIS_USED_MEMORY("tiergate_redis_used_memory_bytes", AlertKind.CAPACITY, Reading.GAUGE,
      "tiergate.redis.used.memory", List.of(), List.of()),
  REDIS_MEMORY_USED_RATIO("tiergate_redis_memory_used_ratio", AlertKind.CAPACITY,
      Reading.GAUGE, "tiergate.redis.memory.used.ratio", List.of(), List.of()),
  REDSHIFT_DISK_USED_RATIO("tiergate_redshift_disk_used_ratio", AlertKind.CAPACITY,
      Reading.GAUGE, "tiergate.redshift.disk.used.ratio", List.of(), List.of()),
  REDSHIFT_DATABASE_BYTES("tiergate_redshift_database_bytes", AlertKind.CAPACITY,
      Reading.GAUGE, "tiergate.redshift.database", List.of(), List.of());

  /** How a metric's value is read from its meter. */
  enum Reading {
    /** The gauges' current values, summed by group. */
    GAUGE,
    /** How much the summed gauges rose within the window, in percent of the earlier value. */
    GAUGE_INCREASE_PERCENT,
    /** How much the counters rose within the window. */
    COUNTER_INCREASE,
    /** The 99th percentile of the timers' histograms over the window. */
    P99
  }

  private final String metricName;
  private final AlertKind kind;
  private final Reading reading;
  private final String meter;
  private final List<String> groupBy;
  private final List<String> filterLabels;

  AlertMetric(String metricName, AlertKind kind, Reading reading, String meter,
      List<String> groupBy, List<String> filterLabels) {
    this.metricName = metricName;
    this.kind = kind;
    this.reading = reading;
    this.meter = meter;
    this.groupBy = groupBy;
    this.filterLabels = filterLabels;
  }

  public String metricName() {
    return metricName;
  }

  public AlertKind kind() {
    return kind;
  }

  Reading reading() {
    return reading;
  }

  String meter() {
    return meter;
  }

  List<String> groupBy() {
    return groupBy;
  }

  /** Whether the metric is read over a window (a rule may set {@code window}). */
  public boolean windowed() {
    return reading != Reading.GAUGE;
  }

  /** Every label a rule may filter on. */
  public Set<String> labels() {
    Set<String> all = new TreeSet<>(groupBy);
    all.addAll(filterLabels);
    return all;
  }

  public static Optional<AlertMetric> named(String metricName) {
    return Arrays.stream(values()).filter(m -> m.metricName.equals(metricName)).findFirst();
  }

  /** The names a rule may use, for errors. */
  public static List<String> names() {
    return Arrays.stream(values()).map(AlertMetric::metricName).toList();
  }
}
