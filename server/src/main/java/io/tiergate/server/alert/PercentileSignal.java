package io.tiergate.server.alert;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A quantile of a group's timers over the window, from their histogram buckets the way
 * PromQL's {@code histogram_quantile} reads them: the buckets' growth within the window,
 * linear within the bucket the quantile falls in. The timers must publish a percentile
 * histogram (the store timers do) and count cumulatively, as the Prometheus registry's do. No
 * value when nothing was timed within the window.
 */
final class PercentileSignal implements AlertSignal {
  private final AlertRule rule;
  private final double quantile;
  /** Per group: upper bound in seconds to the count of values at or below it; +Inf: all. */
  private final Map<Map<String, String>, SampleWindow<NavigableMap<Double, Double>>> history =
      new HashMap<>();

  PercentileSignal(AlertRule rule, double quantile) {
    this.rule = rule;
    this.quantile = quantile;
  }

  @Override public Map<Map<String, String>, Double> read(MeterRegistry registry,
      long nowMillis) {
    Map<Map<String, String>, Double> values = new LinkedHashMap<>();
    SeriesSelection.of(registry, rule).forEach((group, meters) -> {
      NavigableMap<Double, Double> now = buckets(meters);
      var samples = history.computeIfAbsent(group, g -> new SampleWindow<>());
      if (samples.isEmpty()) {
        samples.add(Long.MIN_VALUE, new TreeMap<>()); // timers start at zero in the gateway
      }
      NavigableMap<Double, Double> before = samples.windowAgo(nowMillis,
          rule.window().toMillis());
      samples.add(nowMillis, now);
      Double value = quantile(quantile, growth(now, before));
      if (value != null) {
        values.put(group, value);
      }
    });
    return values;
  }

  private static NavigableMap<Double, Double> buckets(Iterable<Meter> meters) {
    NavigableMap<Double, Double> sum = new TreeMap<>();
    for (Meter meter : meters) {
      if (meter instanceof Timer timer) {
        var snapshot = timer.takeSnapshot();
        for (CountAtBucket bucket : snapshot.histogramCounts()) {
          sum.merge(bucket.bucket(TimeUnit.SECONDS), bucket.count(), Double::sum);
        }
        sum.merge(Double.POSITIVE_INFINITY, (double) snapshot.count(), Double::sum);
      }
    }
    return sum;
  }

  private static NavigableMap<Double, Double> growth(NavigableMap<Double, Double> now,
      NavigableMap<Double, Double> before) {
    NavigableMap<Double, Double> growth = new TreeMap<>();
    now.forEach((bound, count) -> growth.put(bound, count - before.getOrDefault(bound, 0.0)));
    return growth;
  }

  /** histogram_quantile over cumulative buckets; null when they hold nothing. */
  static Double quantile(double q, NavigableMap<Double, Double> cumulative) {
    Double total = cumulative.get(Double.POSITIVE_INFINITY);
    if (total == null || total <= 0) {
      return null;
    }
    double rank = q * total;
    double lowerBound = 0;
    double lowerCount = 0;
    for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
      if (bucket.getValue() >= rank) {
        if (bucket.getKey().isInfinite()) {
          return lowerBound; // above the highest finite bucket: as far as buckets can tell
        }
        double inBucket = bucket.getValue() - lowerCount;
        return inBucket <= 0 ? bucket.getKey()
            : lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
      }
      lowerBound = bucket.getKey();
      lowerCount = bucket.getValue();
    }
    return lowerBound;
  }
}
