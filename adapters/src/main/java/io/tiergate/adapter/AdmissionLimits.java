package io.tiergate.adapter;

import java.time.Duration;
import java.util.Objects;

/**
 * How many statements a store runs at once and how queries wait for one of them: the store's
 * connection pool holds {@code connections}; beyond them up to {@code queue} queries wait, each
 * at most {@code maxWait}, and any further one is refused at once.
 */
public record AdmissionLimits(int connections, int queue, Duration maxWait) {
  /** The defaults docs/configuration.md states for {@code stores.admission}. */
  public static final AdmissionLimits DEFAULT = new AdmissionLimits(16, 128,
      Duration.ofSeconds(60));

  public AdmissionLimits {
    Objects.requireNonNull(maxWait, "maxWait");
    if (connections < 1) {
      throw new IllegalArgumentException("connections: " + connections + " must be 1 or more");
    }
    if (queue < 0) {
      throw new IllegalArgumentException("queue: " + queue + " must be 0 or more");
    }
    if (maxWait.isNegative() || maxWait.isZero()) {
      throw new IllegalArgumentException("max-wait: " + maxWait + " must be longer than 0");
    }
  }
}
