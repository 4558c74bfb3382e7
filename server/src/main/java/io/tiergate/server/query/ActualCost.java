package io.tiergate.server.query;

import io.tiergate.planner.cost.BranchCost;
import io.tiergate.planner.cost.CostEstimate;
import io.tiergate.planner.cost.CostModel;
import java.util.Map;

/**
 * What a statement cost once it ran, from what its stores were asked: a tier branch whose store
 * got no request (pruned when the statement started) cost nothing, and Redshift is billed for
 * the statement's measured time rather than the assumed scan rate. Athena's bytes scanned and
 * DynamoDB's consumed capacity are not reported back to the gateway yet, so their branches keep
 * the estimate's basis (partition sizes, row statistics).
 */
final class ActualCost {
  private final CostModel model;

  ActualCost(CostModel model) {
    this.model = model;
  }

  /** Null when the statement had no estimate. */
  Double usd(CostEstimate estimate, Map<String, Long> requests, double seconds) {
    if (estimate == null) {
      return null;
    }
    double usd = 0;
    for (BranchCost branch : estimate.branches()) {
      if (requests.getOrDefault(branch.store(), 0L) == 0) {
        continue;
      }
      usd += branch.store().equals("redshift")
          ? model.redshiftElapsed(branch.tier(), seconds).usd() : branch.usd();
    }
    return usd;
  }
}
