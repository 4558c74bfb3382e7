package io.tiergate.server.alert;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the rules against the meters, each time {@link #evaluate} is called: a group whose
 * value is over its rule's threshold becomes pending, fires once it has stayed over for the
 * rule's {@code for}, and resolves when its value is back at or under the threshold or gone. A
 * pending alert whose value drops is forgotten, as Prometheus does. Resolved alerts are kept,
 * newest first, up to {@code history}.
 */
public final class AlertEvaluator {
  private static final Logger LOG = LoggerFactory.getLogger(AlertEvaluator.class);

  private record Watched(AlertRule rule, AlertSignal signal) {
  }

  private record Key(String rule, Map<String, String> labels) {
  }

  private final List<Watched> rules = new ArrayList<>();
  private final MeterRegistry registry;
  private final Clock clock;
  private final List<AlertListener> listeners;
  private final int history;
  private final Map<Key, Alert> active = new LinkedHashMap<>();
  private final Deque<Alert> resolved = new ArrayDeque<>();
  /** Fired and resolved alerts of the current evaluation, told once it is done. */
  private final List<Alert> changes = new ArrayList<>();
  /** Read by the gauge without the lock, so a scrape never waits for an evaluation. */
  private volatile int firing;

  AlertEvaluator(List<AlertRule> rules, MeterRegistry registry, Clock clock,
      List<AlertListener> listeners, int history) {
    rules.forEach(r -> this.rules.add(new Watched(r, AlertSignal.of(r))));
    this.registry = registry;
    this.clock = clock;
    this.listeners = List.copyOf(listeners);
    this.history = history;
    Gauge.builder("tiergate.alerts.firing", this, e -> e.firing)
        .description("Alerts the gateway's own rules have firing now").register(registry);
  }

  /**
   * Reads every rule's values once and moves each alert on; then tells the listeners, outside
   * the lock, so a slow webhook does not hold up {@code tiergate.alerts}.
   */
  public void evaluate() {
    List<Alert> told;
    synchronized (this) {
      evaluateRules();
      told = List.copyOf(changes);
      changes.clear();
      firing = (int) active.values().stream().filter(a -> a.state() == Alert.State.FIRING)
          .count();
    }
    told.forEach(this::notify);
  }

  private void evaluateRules() {
    Instant now = clock.instant();
    for (Watched watched : rules) {
      Map<Map<String, String>, Double> values;
      try {
        values = watched.signal().read(registry, now.toEpochMilli());
      } catch (RuntimeException e) {
        // A meter that failed to read leaves its alerts as they are until it reads again.
        LOG.warn("Alert rule {}: could not read {}: {}", watched.rule().name(),
            watched.rule().metric().metricName(), e.toString());
        continue;
      }
      evaluate(watched.rule(), values, now);
    }
  }

  private void evaluate(AlertRule rule, Map<Map<String, String>, Double> values, Instant now) {
    Set<Key> over = new HashSet<>();
    values.forEach((labels, value) -> {
      Key key = new Key(rule.name(), labels);
      Alert alert = active.get(key);
      if (value <= rule.threshold()) {
        if (alert != null) {
          active.put(key, alert.withValue(value)); // the value that resolves it, below
        }
        return;
      }
      over.add(key);
      if (alert == null) {
        alert = new Alert(rule.name(), rule.metric().kind(), labels, Alert.State.PENDING, now,
            value, rule.threshold(), null);
      } else {
        alert = alert.withValue(value);
      }
      if (alert.state() == Alert.State.PENDING
          && !now.isBefore(alert.since().plus(rule.forDuration()))) {
        alert = alert.firing(now);
        changes.add(alert);
      }
      active.put(key, alert);
    });
    active.entrySet().removeIf(entry -> {
      Key key = entry.getKey();
      if (!key.rule().equals(rule.name()) || over.contains(key)) {
        return false;
      }
      if (entry.getValue().state() == Alert.State.FIRING) {
        Alert done = entry.getValue().resolved(now);
        resolved.addFirst(done);
        while (resolved.size() > history) {
          resolved.removeLast();
        }
        changes.add(done);
      }
      return true;
    });
  }

  private void notify(Alert alert) {
    for (AlertListener listener : listeners) {
      try {
        listener.changed(alert);
      } catch (RuntimeException e) {
        LOG.warn("Alert {}: a notification failed: {}", alert.rule(), e.toString());
      }
    }
  }

  /** Firing alerts, then pending ones, then resolved ones, newest first. */
  public synchronized List<Alert> alerts() {
    List<Alert> all = new ArrayList<>();
    active.values().stream().filter(a -> a.state() == Alert.State.FIRING).forEach(all::add);
    active.values().stream().filter(a -> a.state() == Alert.State.PENDING).forEach(all::add);
    all.addAll(resolved);
    return all;
  }
}
