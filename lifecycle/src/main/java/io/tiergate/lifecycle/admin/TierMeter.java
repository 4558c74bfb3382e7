package io.tiergate.lifecycle.admin;

import io.tiergate.planner.manifest.TimeSlice;

/** Measures the rows and bytes of one tier's store for {@code tiergate.tiers}. */
public interface TierMeter {
  /** @param slice the tier's slice in the current manifest */
  TierUsage measure(TimeSlice slice);
}
