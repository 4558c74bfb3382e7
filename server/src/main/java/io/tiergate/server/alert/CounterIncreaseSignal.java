package io.tiergate.server.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How much a group's counters rose within the window (PromQL's {@code increase}). A counter
 * first seen now started at zero within the gateway's life, so all of it counts.
 */
final class CounterIncreaseSignal implements AlertSignal {
  private final AlertRule rule;
  private final Map<Map<String, String>, SampleWindow<Double>> history = new HashMap<>();

  CounterIncreaseSignal(AlertRule rule) {
    this.rule = rule;
  }

  @Override public Map<Map<String, String>, Double> read(MeterRegistry registry,
      long nowMillis) {
    Map<Map<String, String>, Double> increases = new LinkedHashMap<>();
    SeriesSelection.of(registry, rule).forEach((group, meters) -> {
      double now = 0;
      for (Meter meter : meters) {
        if (meter instanceof Counter counter) {
          now += counter.count();
        }
      }
      SampleWindow<Double> samples = history.computeIfAbsent(group, g -> new SampleWindow<>());
      if (samples.isEmpty()) {
        samples.add(Long.MIN_VALUE, 0.0); // always at least a window ago: never null below
      }
      double before = samples.windowAgo(nowMillis, rule.window().toMillis());
      samples.add(nowMillis, now);
      increases.put(group, now - before);
    });
    return increases;
  }
}
