package io.tiergate.lifecycle.migrate;

import io.tiergate.planner.manifest.TimeSlice;

/** A move a migration run will make: which transition, of which time, into which S3 class. */
public record PlannedMove(Transition transition, TimeSlice slice, String storageClass) {
}
