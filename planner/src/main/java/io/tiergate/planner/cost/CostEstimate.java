package io.tiergate.planner.cost;

import java.util.List;
import java.util.stream.Collectors;

/** A query's estimated cost: one entry per tier branch that may be read. */
public record CostEstimate(List<BranchCost> branches) {
  public static final CostEstimate NONE = new CostEstimate(List.of());

  public CostEstimate {
    branches = List.copyOf(branches);
  }

  public double totalUsd() {
    return branches.stream().mapToDouble(BranchCost::usd).sum();
  }

  /** The branches, costliest first, as one line for an error message. */
  public String describe() {
    return branches.stream().sorted((a, b) -> Double.compare(b.usd(), a.usd()))
        .map(BranchCost::toString).collect(Collectors.joining("; "));
  }
}
