package io.tiergate.adapter.s3;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RestoreObject for the local stack, where S3Proxy has none: a requested restore finishes after
 * {@code delay} and lasts the requested days, kept in this gateway's memory (the local stack is
 * wiped at each start anyway). The objects themselves are readable all along, since the
 * stand-in does not enforce storage classes; the gate that refuses un-restored partitions
 * is the manifest, exactly as on AWS.
 */
public final class EmulatedObjectRestorer implements ObjectRestorer {
  private record Restore(Instant readyAt, Instant until) {
  }

  private final Map<String, Restore> restores = new ConcurrentHashMap<>();
  private final Duration delay;
  private final Clock clock;

  public EmulatedObjectRestorer(Duration delay, Clock clock) {
    this.delay = delay;
    this.clock = clock;
  }

  @Override public void request(S3ObjectInfo object, int days, RetrievalTier tier) {
    if (!tier.supports(object.storageClass())) {
      // S3 answers InvalidObjectState here; the emulation refuses the same way.
      throw new IllegalArgumentException(object.uri() + " is in " + object.storageClass()
          + ", which has no " + tier + " retrieval");
    }
    Instant ready = clock.instant().plus(delay);
    restores.merge(object.uri(), new Restore(ready, ready.plus(Duration.ofDays(days))),
        (old, fresh) -> old.readyAt().isAfter(clock.instant()) ? old : fresh);
  }

  @Override public RestoreState state(S3ObjectInfo object) {
    Restore restore = restores.get(object.uri());
    Instant now = clock.instant();
    if (restore == null || !restore.until().isAfter(now)) {
      return RestoreState.NOT_REQUESTED;
    }
    return restore.readyAt().isAfter(now) ? RestoreState.IN_PROGRESS
        : RestoreState.restoredUntil(restore.until());
  }
}
