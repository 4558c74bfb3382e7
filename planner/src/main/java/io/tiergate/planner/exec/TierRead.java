package io.tiergate.planner.exec;

import io.tiergate.planner.manifest.Tier;
import io.tiergate.planner.range.TimeRangeSet;

/**
 * One tier of one tiered table that a statement read, and the time of its data it read: the
 * tier's slice narrowed by the statement's time condition as it evaluated at execution. What
 * {@code tiergate.access} aggregates by the age of the data.
 */
public record TierRead(String table, Tier tier, TimeRangeSet range) {
}
