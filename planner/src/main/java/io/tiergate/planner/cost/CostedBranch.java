package io.tiergate.planner.cost;

import org.checkerframework.checker.nullness.qual.Nullable;

/** A rel that is one tier's branch of a tiered scan and knows what reading it costs. */
public interface CostedBranch {
  /** The branch's estimated cost; null when none is known (no prices, or no store that bills). */
  @Nullable BranchCost estimatedCost();
}
