package io.tiergate.bench;

import java.util.Arrays;

/** Wall-clock samples of one measured operation, in nanoseconds. */
final class Timings {
  private final long[] samples;
  private int count;

  Timings(int capacity) {
    samples = new long[capacity];
  }

  void add(long nanos) {
    samples[count++] = nanos;
  }

  /** The q-quantile (0..1) in milliseconds, nearest rank. */
  double millis(double q) {
    long[] sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(q * count) - 1;
    return sorted[Math.max(0, Math.min(count - 1, rank))] / 1e6;
  }

  @FunctionalInterface
  interface Action {
    void run() throws Exception;
  }

  static Timings measure(int warmup, int runs, Action action) throws Exception {
    for (int i = 0; i < warmup; i++) {
      action.run();
    }
    Timings timings = new Timings(runs);
    for (int i = 0; i < runs; i++) {
      long started = System.nanoTime();
      action.run();
      timings.add(System.nanoTime() - started);
    }
    return timings;
  }
}
