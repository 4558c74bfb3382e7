package io.tiergate.planner;

/**
 * Tiergate refuses a statement for a reason the user can act on (archived partitions, a row
 * outside the hot slice, an operation a tiered table does not support). Its message is what the
 * client sees, so preparation unwraps it from Calcite's wrappers.
 */
public class QueryRefusedException extends RuntimeException {
  public QueryRefusedException(String message) {
    super(message);
  }
}
