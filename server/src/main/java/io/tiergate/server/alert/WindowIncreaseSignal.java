package io.tiergate.server.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How much a group's value rose within the window, against the newest sample at least a window
 * old. Counters ({@code COUNTER_INCREASE}, PromQL's {@code increase}): the rise itself; a
 * counter first seen now started at zero within the gateway's life, so all of it counts.
 * Gauges ({@code GAUGE_INCREASE_PERCENT}, as {@code x > 1.2 * x offset 1d}): the rise in
 * percent of the earlier value; none until the gateway has watched a whole window, nor from
 * zero.
 */
final class WindowIncreaseSignal implements AlertSignal {
  private final AlertRule rule;
  private final boolean counter;
  private final Map<Map<String, String>, SampleWindow<Double>> history = new HashMap<>();

  WindowIncreaseSignal(AlertRule rule) {
    this.rule = rule;
    this.counter = rule.metric().reading() == AlertMetric.Reading.COUNTER_INCREASE;
  }

  @Override public Map<Map<String, String>, Double> read(MeterRegistry registry,
      long nowMillis) {
    Map<Map<String, String>, Double> increases = new LinkedHashMap<>();
    values(registry).forEach((group, now) -> {
      SampleWindow<Double> samples = history.computeIfAbsent(group, g -> new SampleWindow<>());
      if (counter && samples.isEmpty()) {
        samples.add(Long.MIN_VALUE, 0.0); // always at least a window ago
      }
      Double before = samples.windowAgo(nowMillis, rule.window().toMillis());
      samples.add(nowMillis, now);
      if (counter) {
        increases.put(group, now - before);
      } else if (before != null && before > 0) {
        increases.put(group, (now - before) / before * 100);
      }
    });
    return increases;
  }

  private Map<Map<String, String>, Double> values(MeterRegistry registry) {
    if (!counter) {
      return GaugeSignal.sums(registry, rule);
    }
    Map<Map<String, String>, Double> sums = new LinkedHashMap<>();
    SeriesSelection.of(registry, rule).forEach((group, meters) -> {
      double sum = 0;
      for (Meter meter : meters) {
        if (meter instanceof Counter c) {
          sum += c.count();
        }
      }
      sums.put(group, sum);
    });
    return sums;
  }
}
