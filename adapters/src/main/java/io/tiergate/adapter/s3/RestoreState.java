package io.tiergate.adapter.s3;

import java.time.Instant;

/**
 * Where the restore of one archived object stands.
 *
 * @param readableUntil when the restored copy expires (RESTORED only), else null
 */
public record RestoreState(Phase phase, Instant readableUntil) {
  public enum Phase { NOT_REQUESTED, IN_PROGRESS, RESTORED }

  public static final RestoreState NOT_REQUESTED = new RestoreState(Phase.NOT_REQUESTED, null);
  public static final RestoreState IN_PROGRESS = new RestoreState(Phase.IN_PROGRESS, null);

  public static RestoreState restoredUntil(Instant until) {
    return new RestoreState(Phase.RESTORED, until);
  }
}
