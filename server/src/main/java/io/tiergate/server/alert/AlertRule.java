package io.tiergate.server.alert;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * One alert rule, checked: it fires for each group of {@code metric}'s series (of those whose
 * labels match) whose value stays above {@code threshold} for {@code forDuration}.
 *
 * @param labels label name to the values a series may have (any of them)
 * @param window how far back a windowed metric looks (an increase, a percentile); null for a
 *     gauge's current value
 */
public record AlertRule(String name, AlertMetric metric, Map<String, Set<String>> labels,
    double threshold, Duration forDuration, Duration window) {
  public AlertRule {
    labels = Map.copyOf(labels);
  }

  /** Whether a series with these tags is one this rule watches. */
  boolean matches(Map<String, String> tags) {
    for (Map.Entry<String, Set<String>> wanted : labels.entrySet()) {
      if (!wanted.getValue().contains(tags.get(wanted.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
