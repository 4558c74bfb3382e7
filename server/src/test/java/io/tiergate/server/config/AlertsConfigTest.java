package io.tiergate.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiergate.server.alert.AlertMetric;
import io.tiergate.server.alert.AlertRule;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The alerts section: ADR-002's defaults, changed, turned off or added to, and its errors. */
class AlertsConfigTest {
  private static ConfigReport check(String yaml) {
    return new ConfigLoader(k -> null).check(yaml, "tiergate.yaml");
  }

  private static AlertRule named(List<AlertRule> rules, String name) {
    return rules.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  @Test void withoutTheSectionTheDefaultsAreEvaluatedEveryMinute() {
    AlertsConfig alerts = check("").config().alerts();
    assertThat(alerts.evaluateEveryDuration()).isEqualTo(Duration.ofMinutes(1));
    assertThat(alerts.webhook()).isNull();
    List<AlertRule> rules = alerts.effectiveRules();
    assertThat(rules).extracting(AlertRule::name).containsExactly("TiergateMigrationFailed",
        "TiergateMigrationStuck", "TiergateBoundaryBehindPolicy", "TiergateHotTierSlow",
        "TiergateWarmTierSlow", "TiergateColdTierSlow", "TiergateTierCostAboveBudget",
        "TiergateTierCostJump", "TiergateHotTierLarge", "TiergateColdClassLarge",
        "TiergateRedisMemoryHigh", "TiergateRedshiftDiskHigh");
    AlertRule hotSlow = named(rules, "TiergateHotTierSlow");
    assertThat(hotSlow.threshold()).isEqualTo(0.010);
    assertThat(hotSlow.forDuration()).isEqualTo(Duration.ofMinutes(10));
    assertThat(hotSlow.window()).isEqualTo(Duration.ofMinutes(5));
    assertThat(hotSlow.labels().get("store")).containsExactlyInAnyOrder("dynamodb", "redis");
    assertThat(named(rules, "TiergateBoundaryBehindPolicy").window()).isNull();
  }

  @Test void defaultsAreChangedOrTurnedOffByNameAndNewRulesAdded() {
    ConfigReport report = check("""
        alerts:
          evaluate-every: 30s
          webhook: {url: "https://hooks.example.com/tiergate"}
          rules:
            - {name: TiergateHotTierLarge, threshold: 5e9, for: 15m}
            - {name: TiergateColdTierSlow, enabled: false}
            - name: RedisBig
              metric: tiergate_redis_used_memory_bytes
              threshold: 2000000000
              for: 5m
        """);
    assertThat(report.errors()).isEmpty();
    AlertsConfig alerts = report.config().alerts();
    assertThat(alerts.evaluateEveryDuration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(alerts.webhook().timeoutDuration()).isEqualTo(Duration.ofSeconds(5));
    List<AlertRule> rules = alerts.effectiveRules();
    AlertRule hotLarge = named(rules, "TiergateHotTierLarge");
    assertThat(hotLarge.threshold()).isEqualTo(5e9);
    assertThat(hotLarge.forDuration()).isEqualTo(Duration.ofMinutes(15));
    assertThat(hotLarge.labels()).containsEntry("tier", Set.of("hot")); // kept
    assertThat(rules).extracting(AlertRule::name).doesNotContain("TiergateColdTierSlow")
        .endsWith("RedisBig");
    AlertRule added = named(rules, "RedisBig");
    assertThat(added.metric()).isEqualTo(AlertMetric.REDIS_USED_MEMORY);
    assertThat(added.threshold()).isEqualTo(2e9);
    assertThat(added.forDuration()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test void everyBadRuleIsNamedByItsKeyInOneReport() {
    ConfigReport report = check("""
        alerts:
          rules:
            - {name: TiergateHotTierLarge, for: 5 minutes}
            - {name: TiergateColdClassLarge, threshold: -1}
            - {name: Mine, metric: tiergate_tier_cost, threshold: 10}
            - {name: Other, metric: tiergate_tier_bytes, threshold: 1, labels: {store: redis}}
            - {name: Third, metric: tiergate_tier_rows, treshold: 1}
            - {name: Fourth, threshold: 1}
            - {name: Fifth, metric: tiergate_tier_bytes, threshold: 1, window: 1h}
        """);
    assertThat(report.valid()).isFalse();
    assertThat(report.errors()).contains(
        "tiergate.yaml: alerts.rules[0].for: '5 minutes' is not a duration such as 250ms, 2s,"
            + " 5m, 1h or 30d",
        "tiergate.yaml: alerts.rules[1].threshold: -1.0 cannot be negative",
        "tiergate.yaml: alerts.rules[2].metric: unknown metric 'tiergate_tier_cost'; known: "
            + String.join(", ", AlertMetric.names()),
        "tiergate.yaml: alerts.rules[3].labels: tiergate_tier_bytes has no label 'store'; its"
            + " labels: [storage_class, table, tier]",
        "tiergate.yaml: alerts.rules[4].treshold: unknown key; did you mean"
            + " alerts.rules[4].threshold?",
        "tiergate.yaml: alerts.rules[6].window: tiergate_tier_bytes is a value now, read"
            + " without a window; remove window");
    assertThat(report.errors()).anySatisfy(e -> assertThat(e).startsWith(
        "tiergate.yaml: alerts.rules[5].metric: missing for the new rule 'Fourth'"));
  }

  @Test void theSectionsOwnKeysAreChecked() {
    ConfigReport report = check("""
        alerts:
          evaluate-every: 0s
          webhook: {url: "hooks.example.com", timeout: soon}
        """);
    assertThat(report.errors()).containsExactlyInAnyOrder(
        "tiergate.yaml: alerts.evaluate-every: must be more than 0",
        "tiergate.yaml: alerts.webhook.timeout: 'soon' is not a duration such as 250ms, 2s, 5m,"
            + " 1h or 30d");
    assertThat(check("alerts: {webhook: {url: \"hooks.example.com\"}}").errors())
        .containsExactly("tiergate.yaml: alerts.webhook.url: 'hooks.example.com' is not an http"
            + " or https URL such as https://hooks.example.com/tiergate");
    assertThat(check("""
        alerts:
          rules:
            - {name: TiergateHotTierLarge, threshold: 1}
            - {name: TiergateHotTierLarge, threshold: 2}
        """).errors()).containsExactly("tiergate.yaml: alerts.rules[1].name:"
            + " 'TiergateHotTierLarge' is already alerts.rules[0]; change one entry per rule");
  }
}
