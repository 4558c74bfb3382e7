package io.tiergate.server.alert;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The current value of a rule's gauges, summed per group; a gauge that cannot tell (NaN) is left out. */
final class GaugeSignal implements AlertSignal {
  private final AlertRule rule;

  GaugeSignal(AlertRule rule) {
    this.rule = rule;
  }

  @Override public Map<Map<String, String>, Double> read(MeterRegistry registry,
      long nowMillis) {
    return sums(registry, rule);
  }

  static Map<Map<String, String>, Double> sums(MeterRegistry registry, AlertRule rule) {
    Map<Map<String, String>, Double> values = new LinkedHashMap<>();
    SeriesSelection.of(registry, rule).forEach((group, meters) -> {
      Double sum = sum(meters);
      if (sum != null) {
        values.put(group, sum);
      }
    });
    return values;
  }

  private static Double sum(List<Meter> meters) {
    Double sum = null;
    for (Meter meter : meters) {
      if (meter instanceof Gauge gauge) {
        double value = gauge.value();
        if (!Double.isNaN(value)) {
          sum = (sum == null ? 0 : sum) + value;
        }
      }
    }
    return sum;
  }
}
