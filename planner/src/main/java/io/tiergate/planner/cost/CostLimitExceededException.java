package io.tiergate.planner.cost;

import io.tiergate.planner.QueryRefusedException;

/**
 * A query refused before it ran because its estimate exceeds the connection's
 * {@code max_cost_usd}; a type of its own so the gateway counts these refusals apart.
 */
public final class CostLimitExceededException extends QueryRefusedException {
  public CostLimitExceededException(String message) {
    super(CostLimit.SQL_STATE, message);
  }
}
