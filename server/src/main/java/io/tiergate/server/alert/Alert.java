package io.tiergate.server.alert;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * One alert: a rule for one group of series, as {@code tiergate.alerts} shows it.
 *
 * @param since when it became pending, when it fired (firing, resolved)
 * @param value the latest value read (for a resolved alert, the one that resolved it, or the
 *     last one before its series went)
 * @param resolvedAt null unless resolved
 */
public record Alert(String rule, AlertKind kind, Map<String, String> labels, State state,
    Instant since, double value, double threshold, Instant resolvedAt) {

  /** Pending until the value has stayed over the threshold for the rule's {@code for}. */
  public enum State {
    PENDING, FIRING, RESOLVED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Alert {
    labels = Map.copyOf(labels);
  }

  Alert withValue(double newValue) {
    return new Alert(rule, kind, labels, state, since, newValue, threshold, resolvedAt);
  }

  Alert firing(Instant now) {
    return new Alert(rule, kind, labels, State.FIRING, now, value, threshold, null);
  }

  Alert resolved(Instant now) {
    return new Alert(rule, kind, labels, State.RESOLVED, since, value, threshold, now);
  }

  /** The labels as {@code name=value} pairs, sorted: what the table and the log show. */
  public String labelsText() {
    return new java.util.TreeMap<>(labels).entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(java.util.stream.Collectors.joining(","));
  }
}
