package io.tiergate.server.alert;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How much a group's summed gauges rose within the window, in percent of the value a window
 * ago (as {@code x > 1.2 * x offset 1d}). No value until the gateway has watched a whole
 * window, nor from zero.
 */
final class GaugeIncreaseSignal implements AlertSignal {
  private final AlertRule rule;
  private final Map<Map<String, String>, SampleWindow<Double>> history = new HashMap<>();

  GaugeIncreaseSignal(AlertRule rule) {
    this.rule = rule;
  }

  @Override public Map<Map<String, String>, Double> read(MeterRegistry registry,
      long nowMillis) {
    Map<Map<String, String>, Double> increases = new LinkedHashMap<>();
    GaugeSignal.sums(registry, rule).forEach((group, now) -> {
      SampleWindow<Double> samples = history.computeIfAbsent(group, g -> new SampleWindow<>());
      Double before = samples.windowAgo(nowMillis, rule.window().toMillis());
      samples.add(nowMillis, now);
      if (before != null && before > 0) {
        increases.put(group, (now - before) / before * 100);
      }
    });
    return increases;
  }
}
