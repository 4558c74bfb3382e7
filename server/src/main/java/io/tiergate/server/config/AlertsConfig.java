package io.tiergate.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tiergate.server.alert.AlertMetric;
import io.tiergate.server.alert.AlertRule;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Alerts the gateway evaluates itself ({@code tiergate.alerts}). {@code evaluate-every}: how
 * often (default 1m). {@code history}: resolved alerts kept (default 100). {@code webhook}:
 * where each firing and resolved alert is also POSTed (unset: only the log). {@code rules}:
 * the defaults of {@link #DEFAULT_RULES} (ADR-002's, the same as the Prometheus rules file),
 * each changed by an entry of the same name, plus the entries with new names.
 */
public record AlertsConfig(@JsonProperty("evaluate-every") String evaluateEvery,
    Integer history, WebhookConfig webhook, List<RuleConfig> rules) {

  /** ADR-002's alerts with their default thresholds, as in ops/prometheus/tiergate-rules.yml. */
  public static final List<RuleConfig> DEFAULT_RULES = List.of(
      rule("TiergateMigrationFailed", "tiergate_migration_failures_total", 0, "0s", "1h",
          Map.of("outcome", "failed")),
      // A job's record is updated at each step; one not updated for 6h is stuck or was
      // interrupted and is waiting for a run that does not come.
      rule("TiergateMigrationStuck", "tiergate_migration_running_step_seconds", 6 * 3600, "0s",
          null, Map.of()),
      rule("TiergateBoundaryBehindPolicy", "tiergate_tier_boundary_lag_seconds", 2 * 86400,
          "1h", null, Map.of()),
      rule("TiergateHotTierSlow", "tiergate_store_request_seconds_p99", 0.010, "10m", "5m",
          Map.of("store", "dynamodb|redis")),
      rule("TiergateWarmTierSlow", "tiergate_store_request_seconds_p99", 1, "10m", "5m",
          Map.of("store", "redshift")),
      rule("TiergateColdTierSlow", "tiergate_store_request_seconds_p99", 30, "30m", "15m",
          Map.of("store", "athena")),
      rule("TiergateTierCostAboveBudget", "tiergate_tier_monthly_cost_usd", 1000, "1h", null,
          Map.of()),
      rule("TiergateTierCostJump", "tiergate_tier_monthly_cost_increase_percent", 20, "1h",
          "1d", Map.of()),
      rule("TiergateHotTierLarge", "tiergate_tier_bytes", 100e9, "1h", null,
          Map.of("tier", "hot")),
      rule("TiergateColdClassLarge", "tiergate_tier_bytes", 50e12, "1h", null,
          Map.of("tier", "cold")),
      // Absent while Redis has no maxmemory: then add a rule on tiergate_redis_used_memory_bytes.
      rule("TiergateRedisMemoryHigh", "tiergate_redis_memory_used_ratio", 0.9, "10m", null,
          Map.of()),
      // Measured on Redshift only (stv_partitions); the PostgreSQL stand-in has no such view.
      rule("TiergateRedshiftDiskHigh", "tiergate_redshift_disk_used_ratio", 0.8, "30m", null,
          Map.of()));

  public AlertsConfig {
    evaluateEvery = evaluateEvery == null ? "1m" : evaluateEvery;
    if (ConfigDuration.parse("alerts.evaluate-every", evaluateEvery).isZero()) {
      throw new IllegalArgumentException("alerts.evaluate-every: must be more than 0");
    }
    history = history == null ? 100 : history;
    TiergateConfig.LimitsConfig.positive("alerts.history", history);
    rules = rules == null ? List.of()
        : java.util.Collections.unmodifiableList(new ArrayList<>(rules));
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      RuleConfig rule = rules.get(i);
      if (rule == null) {
        throw new IllegalArgumentException("alerts.rules[" + i + "]: empty; give at least"
            + " name");
      }
      Integer earlier = seen.putIfAbsent(rule.name(), i);
      if (earlier != null) {
        throw new IllegalArgumentException("alerts.rules[" + i + "].name: '" + rule.name()
            + "' is already alerts.rules[" + earlier + "]; change one entry per rule");
      }
    }
  }

  public Duration evaluateEveryDuration() {
    return ConfigDuration.parse("alerts.evaluate-every", evaluateEvery);
  }

  /** The rules in force: the defaults as changed, then the added ones; disabled ones left out. */
  public List<AlertRule> effectiveRules() {
    Map<String, RuleConfig> byName = new LinkedHashMap<>();
    DEFAULT_RULES.forEach(r -> byName.put(r.name(), r));
    for (RuleConfig change : rules) {
      RuleConfig base = byName.get(change.name());
      byName.put(change.name(), base == null ? change : base.changedBy(change));
    }
    return byName.values().stream().filter(RuleConfig::enabled).map(RuleConfig::typed)
        .toList();
  }

  private static RuleConfig rule(String name, String metric, double threshold, String forText,
      String window, Map<String, String> labels) {
    return new RuleConfig(name, metric, threshold, forText, window,
        new LinkedHashMap<>(labels), true);
  }

  /** The webhook: {@code url} (http or https), {@code timeout} of each POST (default 5s). */
  public record WebhookConfig(String url, String timeout) {
    public WebhookConfig {
      timeout = timeout == null ? "5s" : timeout;
      if (ConfigDuration.parse("alerts.webhook.timeout", timeout).isZero()) {
        throw new IllegalArgumentException("alerts.webhook.timeout: must be more than 0");
      }
      if (url == null) {
        throw new IllegalArgumentException("alerts.webhook.url: missing; give the URL alerts"
            + " are POSTed to, or remove alerts.webhook");
      }
      try {
        URI uri = new URI(url);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
            || uri.getHost() == null) {
          throw new URISyntaxException(url, "not http(s) with a host");
        }
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("alerts.webhook.url: '" + url + "' is not an http"
            + " or https URL such as https://hooks.example.com/tiergate");
      }
    }

    public Duration timeoutDuration() {
      return ConfigDuration.parse("alerts.webhook.timeout", timeout);
    }
  }

  /**
   * One entry of {@code alerts.rules}. {@code name} alone names a default rule to change (any
   * other key given replaces the default's); a new name is a new rule and needs
   * {@code metric} and {@code threshold}. {@code for}: how long the value stays above the
   * threshold before the alert fires (default 0s: at once). {@code window}: how far back a
   * windowed metric looks (default 5m). {@code labels}: which series count, a label's values
   * separated by {@code |}. {@code enabled: false} turns a rule off.
   */
  public record RuleConfig(String name, String metric, Double threshold,
      @JsonProperty("for") String forDuration, String window,
      LinkedHashMap<String, String> labels, Boolean enabled) {
    public RuleConfig {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("name: missing; give a default rule's name to"
            + " change it (" + String.join(", ", defaultNames()) + ") or a new name");
      }
      RuleConfig base = defaultRule(name);
      if (base == null && metric == null) {
        throw new IllegalArgumentException("metric: missing for the new rule '" + name
            + "'; one of " + String.join(", ", AlertMetric.names()));
      }
      if (metric != null && AlertMetric.named(metric).isEmpty()) {
        throw new IllegalArgumentException("metric: unknown metric '" + metric + "'; known: "
            + String.join(", ", AlertMetric.names()));
      }
      if (base != null && metric != null && !metric.equals(base.metric())) {
        throw new IllegalArgumentException("metric: the default rule '" + name + "' watches "
            + base.metric() + "; give a new rule its own name to watch " + metric);
      }
      if (base == null && threshold == null) {
        throw new IllegalArgumentException("threshold: missing for the new rule '" + name
            + "'");
      }
      if (threshold != null && (threshold < 0 || threshold.isNaN())) {
        throw new IllegalArgumentException("threshold: " + threshold + " cannot be negative");
      }
      if (forDuration != null) {
        ConfigDuration.parse("for", forDuration);
      }
      AlertMetric watched = AlertMetric.named(metric != null ? metric : base.metric())
          .orElseThrow();
      if (window != null) {
        if (!watched.windowed()) {
          throw new IllegalArgumentException("window: " + watched.metricName() + " is a value"
              + " now, read without a window; remove window");
        }
        if (ConfigDuration.parse("window", window).isZero()) {
          throw new IllegalArgumentException("window: must be more than 0");
        }
      }
      if (labels != null) {
        for (String label : labels.keySet()) {
          if (!watched.labels().contains(label)) {
            throw new IllegalArgumentException("labels: " + watched.metricName()
                + " has no label '" + label + "'; its labels: " + watched.labels());
          }
        }
      }
      enabled = enabled == null || enabled;
    }

    /** This default rule with what {@code change} gives. */
    RuleConfig changedBy(RuleConfig change) {
      return new RuleConfig(name, metric,
          change.threshold != null ? change.threshold : threshold,
          change.forDuration != null ? change.forDuration : forDuration,
          change.window != null ? change.window : window,
          change.labels != null ? change.labels : labels, change.enabled);
    }

    AlertRule typed() {
      AlertMetric watched = AlertMetric.named(metric).orElseThrow();
      Map<String, Set<String>> matchers = new LinkedHashMap<>();
      if (labels != null) {
        labels.forEach((label, values) -> matchers.put(label,
            new LinkedHashSet<>(Arrays.asList(values.split("\\|")))));
      }
      Duration windowDuration = !watched.windowed() ? null
          : ConfigDuration.parse("window", window == null ? "5m" : window);
      return new AlertRule(name, watched, matchers, threshold,
          ConfigDuration.parse("for", forDuration == null ? "0s" : forDuration),
          windowDuration);
    }

    private static RuleConfig defaultRule(String name) {
      // DEFAULT_RULES is null while its own entries are being made.
      return DEFAULT_RULES == null ? null : DEFAULT_RULES.stream()
          .filter(r -> r.name.equals(name)).findFirst().orElse(null);
    }

    private static List<String> defaultNames() {
      return DEFAULT_RULES == null ? List.of()
          : DEFAULT_RULES.stream().map(RuleConfig::name).toList();
    }
  }
}
