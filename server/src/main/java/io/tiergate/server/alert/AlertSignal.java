package io.tiergate.server.alert;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;

/**
 * Where a rule's values come from: per group of series (its labels), the value compared with
 * the threshold now. A group missing from the answer has no value now (a store not measured,
 * no requests within the window): an alert on it resolves. Windowed signals keep their past
 * samples, so each rule has its own.
 */
interface AlertSignal {
  Map<Map<String, String>, Double> read(MeterRegistry registry, long nowMillis);

  static AlertSignal of(AlertRule rule) {
    return switch (rule.metric().reading()) {
      case GAUGE -> new GaugeSignal(rule);
      case GAUGE_INCREASE_PERCENT, COUNTER_INCREASE -> new WindowIncreaseSignal(rule);
      case P99 -> new PercentileSignal(rule, 0.99);
    };
  }
}
