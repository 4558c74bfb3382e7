package io.tiergate.server.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tiergate.server.config.AlertsConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Each kind of alert provoked on the meters the gateway really publishes (the Prometheus
 * registry, as {@code /metrics} has them): pending, firing after {@code for}, resolved when
 * the cause goes, each fire and resolve told once.
 */
class AlertEvaluatorTest {
  private final MeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final TestClock clock = new TestClock();
  private final List<Alert> told = new ArrayList<>();

  private AlertEvaluator evaluator(AlertRule... rules) {
    return new AlertEvaluator(List.of(rules), registry, clock, List.of(told::add), 10);
  }

  /** A default rule as configured by default. */
  private static AlertRule defaultRule(String name) {
    return new AlertsConfig(null, null, null, null).effectiveRules().stream()
        .filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  private static AlertRule rule(AlertMetric metric, double threshold, Duration forDuration,
      Map<String, Set<String>> labels) {
    return new AlertRule("Test" + metric.name(), metric, labels, threshold, forDuration,
        metric.windowed() ? Duration.ofMinutes(5) : null);
  }

  @Test void aCapacityAlertIsPendingForItsDurationThenFiresThenResolves() {
    AtomicLong hotBytes = new AtomicLong(50);
    Gauge.builder("tiergate.tier.bytes", hotBytes, AtomicLong::get).baseUnit("bytes")
        .tags("table", "events", "tier", "hot", "storage_class", "none").register(registry);
    Gauge.builder("tiergate.tier.bytes", () -> 1e15).baseUnit("bytes")
        .tags("table", "events", "tier", "cold", "storage_class", "GLACIER").register(registry);
    AlertEvaluator alerts = evaluator(rule(AlertMetric.TIER_BYTES, 100, Duration.ofMinutes(5),
        Map.of("tier", Set.of("hot"))));

    alerts.evaluate();
    assertThat(alerts.alerts()).isEmpty();
    hotBytes.set(150);
    alerts.evaluate();
    assertThat(alerts.alerts()).singleElement().satisfies(a -> {
      assertThat(a.state()).isEqualTo(Alert.State.PENDING);
      assertThat(a.kind()).isEqualTo(AlertKind.CAPACITY);
      assertThat(a.labels()).containsEntry("table", "events").containsEntry("tier", "hot");
      assertThat(a.value()).isEqualTo(150);
    });
    clock.advance(Duration.ofMinutes(4));
    alerts.evaluate();
    assertThat(alerts.alerts().get(0).state()).isEqualTo(Alert.State.PENDING);
    assertThat(told).isEmpty();

    clock.advance(Duration.ofMinutes(1));
    alerts.evaluate();
    Alert firing = alerts.alerts().get(0);
    assertThat(firing.state()).isEqualTo(Alert.State.FIRING);
    assertThat(firing.since()).isEqualTo(clock.instant());
    assertThat(firing.threshold()).isEqualTo(100);
    assertThat(told).containsExactly(firing);
    assertThat(registry.get("tiergate.alerts.firing").gauge().value()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(1));
    alerts.evaluate(); // still over: told once only
    assertThat(told).hasSize(1);

    hotBytes.set(80);
    clock.advance(Duration.ofMinutes(1));
    alerts.evaluate();
    assertThat(alerts.alerts()).singleElement().satisfies(a -> {
      assertThat(a.state()).isEqualTo(Alert.State.RESOLVED);
      assertThat(a.since()).isEqualTo(firing.since());
      assertThat(a.resolvedAt()).isEqualTo(clock.instant());
      assertThat(a.value()).isEqualTo(80);
    });
    assertThat(told).hasSize(2);
    assertThat(told.get(1).state()).isEqualTo(Alert.State.RESOLVED);
    assertThat(registry.get("tiergate.alerts.firing").gauge().value()).isZero();
  }

  @Test void aPendingAlertWhoseValueDropsIsForgottenUntold() {
    AtomicLong lag = new AtomicLong(3 * 86400);
    Gauge.builder("tiergate.tier.boundary.lag", lag, AtomicLong::get).baseUnit("seconds")
        .tags("table", "events", "tier", "hot").register(registry);
    AlertEvaluator alerts = evaluator(defaultRule("TiergateBoundaryBehindPolicy"));
    alerts.evaluate();
    assertThat(alerts.alerts()).singleElement()
        .satisfies(a -> assertThat(a.state()).isEqualTo(Alert.State.PENDING));
    lag.set(0);
    clock.advance(Duration.ofMinutes(30));
    alerts.evaluate();
    assertThat(alerts.alerts()).isEmpty();
    assertThat(told).isEmpty();
  }

  @Test void aFailedJobFiresAtOnceAndResolvesAnHourLater() {
    AlertEvaluator alerts = evaluator(defaultRule("TiergateMigrationFailed"));
    Counter interrupted = failures("interrupted");
    interrupted.increment(); // resumed by the next run: not this alert's business
    alerts.evaluate();
    assertThat(alerts.alerts()).isEmpty();

    clock.advance(Duration.ofMinutes(1));
    failures("failed").increment();
    alerts.evaluate();
    assertThat(alerts.alerts()).singleElement().satisfies(a -> {
      assertThat(a.state()).isEqualTo(Alert.State.FIRING);
      assertThat(a.kind()).isEqualTo(AlertKind.TRANSITIONS);
      assertThat(a.labels()).isEqualTo(Map.of("table", "events", "transition", "hot_to_warm",
          "step", "verify"));
      assertThat(a.value()).isEqualTo(1);
    });
    clock.advance(Duration.ofMinutes(59));
    alerts.evaluate();
    assertThat(alerts.alerts().get(0).state()).isEqualTo(Alert.State.FIRING);
    clock.advance(Duration.ofMinutes(2));
    alerts.evaluate();
    assertThat(alerts.alerts()).singleElement()
        .satisfies(a -> assertThat(a.state()).isEqualTo(Alert.State.RESOLVED));
  }

  private Counter failures(String outcome) {
    return Counter.builder("tiergate.migration.failures").tags("table", "events",
        "transition", "hot_to_warm", "step", "verify", "outcome", outcome).register(registry);
  }

  @Test void aSlowedStoreFiresOnItsP99AndResolvesWhenItIsFastAgain() {
    AlertRule hotSlow = defaultRule("TiergateHotTierSlow");
    AlertEvaluator alerts = evaluator(new AlertRule(hotSlow.name(), hotSlow.metric(),
        hotSlow.labels(), hotSlow.threshold(), Duration.ZERO, hotSlow.window()));
    requests("dynamodb", 200, Duration.ofMillis(2));
    requests("redshift", 200, Duration.ofMillis(500)); // not the hot tier
    alerts.evaluate();
    assertThat(alerts.alerts()).isEmpty();

    clock.advance(Duration.ofMinutes(1));
    requests("dynamodb", 50, Duration.ofMillis(80)); // a fifth of the requests slowed
    alerts.evaluate();
    assertThat(alerts.alerts()).singleElement().satisfies(a -> {
      assertThat(a.state()).isEqualTo(Alert.State.FIRING);
      assertThat(a.kind()).isEqualTo(AlertKind.PERFORMANCE);
      assertThat(a.labels()).isEqualTo(Map.of("store", "dynamodb"));
      assertThat(a.value()).isBetween(0.05, 0.1);
    });

    // Five minutes on, only fast requests within the window.
    clock.advance(Duration.ofMinutes(5));
    requests("dynamodb", 200, Duration.ofMillis(2));
    alerts.evaluate();
    assertThat(alerts.alerts()).singleElement().satisfies(a -> {
      assertThat(a.state()).isEqualTo(Alert.State.RESOLVED);
      assertThat(a.value()).isLessThan(0.01);
    });
  }

  private void requests(String store, int n, Duration each) {
    Timer timer = Timer.builder("tiergate.store.request").publishPercentileHistogram()
        .tags("store", store, "operation", "Query", "outcome", "ok").register(registry);
    for (int i = 0; i < n; i++) {
      timer.record(each);
    }
  }

  @Test void costAboveBudgetAndACostJumpWithinADay() {
    AtomicLong hotCost = new AtomicLong(100);
    Gauge.builder("tiergate.tier.monthly.cost.usd", hotCost, AtomicLong::get)
        .tags("table", "events", "tier", "hot", "storage_class", "none").register(registry);
    AlertEvaluator alerts = evaluator(
        rule(AlertMetric.TIER_MONTHLY_COST, 1000, Duration.ZERO, Map.of()),
        new AlertRule("Jump", AlertMetric.TIER_MONTHLY_COST_INCREASE, Map.of(), 20,
            Duration.ZERO, Duration.ofDays(1)));
    alerts.evaluate();
    assertThat(alerts.alerts()).isEmpty();

    clock.advance(Duration.ofHours(12));
    hotCost.set(110);
    alerts.evaluate(); // not a day yet: nothing to compare with
    assertThat(alerts.alerts()).isEmpty();

    clock.advance(Duration.ofHours(12));
    hotCost.set(1300); // 1,200 % more than a day ago, and over the budget
    alerts.evaluate();
    assertThat(alerts.alerts()).extracting(Alert::rule, Alert::state, Alert::value)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("Jump", Alert.State.FIRING, 1200.0),
            org.assertj.core.groups.Tuple.tuple("TestTIER_MONTHLY_COST", Alert.State.FIRING,
                1300.0));
    assertThat(alerts.alerts()).allSatisfy(a -> assertThat(a.kind()).isEqualTo(AlertKind.COST));

    clock.advance(Duration.ofHours(12));
    hotCost.set(900); // under budget; compared with 110 twelve hours before the day began
    alerts.evaluate();
    clock.advance(Duration.ofHours(13));
    alerts.evaluate(); // compared with 1,300 a day ago: down
    assertThat(alerts.alerts()).hasSize(2)
        .allSatisfy(a -> assertThat(a.state()).isEqualTo(Alert.State.RESOLVED));
  }

  @Test void aSeriesThatGoesResolvesItsAlert() {
    AtomicLong ratio = new AtomicLong(95);
    Gauge gauge = Gauge.builder("tiergate.redis.memory.used.ratio", ratio, r -> r.get() / 100.0)
        .register(registry);
    AlertRule memory = defaultRule("TiergateRedisMemoryHigh");
    AlertEvaluator alerts = evaluator(new AlertRule(memory.name(), memory.metric(), Map.of(),
        memory.threshold(), Duration.ZERO, null));
    alerts.evaluate();
    assertThat(alerts.alerts().get(0).state()).isEqualTo(Alert.State.FIRING);
    registry.remove(gauge);
    alerts.evaluate();
    assertThat(alerts.alerts().get(0).state()).isEqualTo(Alert.State.RESOLVED);
  }

  @Test void resolvedAlertsAreKeptUpToTheHistory() {
    AtomicLong rows = new AtomicLong();
    Gauge.builder("tiergate.tier.rows", rows, AtomicLong::get)
        .tags("table", "events", "tier", "hot", "storage_class", "none").register(registry);
    AlertEvaluator alerts = new AlertEvaluator(List.of(rule(AlertMetric.TIER_ROWS, 10,
        Duration.ZERO, Map.of())), registry, clock, List.of(), 3);
    for (int i = 0; i < 5; i++) {
      rows.set(20);
      alerts.evaluate();
      clock.advance(Duration.ofMinutes(1));
      rows.set(0);
      alerts.evaluate();
      clock.advance(Duration.ofMinutes(1));
    }
    assertThat(alerts.alerts()).hasSize(3)
        .allSatisfy(a -> assertThat(a.state()).isEqualTo(Alert.State.RESOLVED));
    assertThat(alerts.alerts().get(0).resolvedAt()).isAfter(alerts.alerts().get(1).resolvedAt());
  }
}
