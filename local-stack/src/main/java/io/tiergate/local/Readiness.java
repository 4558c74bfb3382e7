package io.tiergate.local;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Polls a real request against an engine until it succeeds: an engine is ready when it answers,
 * not when its port is open. Gives up early when the engine's process has died.
 */
final class Readiness {
  interface Probe {
    void run() throws Exception;
  }

  private Readiness() {
  }

  static void await(String engine, Duration timeout, BooleanSupplier alive, Probe probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (true) {
      try {
        probe.run();
        return;
      } catch (Exception e) {
        last = e;
      }
      if (!alive.getAsBoolean()) {
        throw new IllegalStateException(engine + " exited before it answered", last);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(engine + " did not answer within " + timeout, last);
      }
      sleep(50);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for an engine", e);
    }
  }
}
