package io.tiergate.server.alert;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One series' past samples, as many as a window needs: the value to compare the current one
 * with is the newest sample at least a window old, as PromQL's {@code offset} and
 * {@code increase} compare.
 */
final class SampleWindow<T> {
  private record Sample<T>(long millis, T value) {
  }

  private final Deque<Sample<T>> samples = new ArrayDeque<>();

  void add(long millis, T value) {
    samples.addLast(new Sample<>(millis, value));
  }

  boolean isEmpty() {
    return samples.isEmpty();
  }

  /**
   * The newest sample taken at or before {@code nowMillis - windowMillis}; null when every
   * sample is younger. Older samples are dropped: they will never be needed again.
   */
  T windowAgo(long nowMillis, long windowMillis) {
    long at = nowMillis - windowMillis;
    Sample<T> found = null;
    while (!samples.isEmpty() && samples.peekFirst().millis() <= at) {
      found = samples.pollFirst();
    }
    if (found != null) {
      samples.addFirst(found); // still the baseline until a younger one is old enough
    }
    return found == null ? null : found.value();
  }
}
