package io.tiergate.lifecycle.restore;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What a restore call did for one storage class of the requested range.
 *
 * @param restoredObjects objects whose restored copy is readable now
 * @param state {@code RESTORED} (queries may read the range) or {@code IN_PROGRESS} (S3 is still
 *     retrieving; call again to check)
 * @param readableUntil when the earliest restored copy expires (RESTORED only), else null
 */
public record RestoreOutcome(String table, String storageClass, LocalDate firstDay,
    LocalDate lastDay, int partitions, int objects, int restoredObjects, String state,
    Instant readableUntil) {
}
