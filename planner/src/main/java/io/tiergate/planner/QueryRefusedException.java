package io.tiergate.planner;

/**
 * Tiergate refuses a statement for a reason the user can act on (archived partitions, a row
 * outside the hot slice, an operation a tiered table does not support). Its message is what the
 * client sees, so preparation unwraps it from Calcite's wrappers; its SQLState is what the
 * client's {@code getSQLState()} returns, so a tool can tell the refusals apart.
 */
public class QueryRefusedException extends RuntimeException {
  /** SQLState of an operation that is not supported (the default). */
  public static final String NOT_SUPPORTED = "0A000";
  /** SQLState of a NULL where the table needs a value. */
  public static final String NOT_NULL_VIOLATION = "23502";
  /** SQLState of a key that already exists. */
  public static final String UNIQUE_VIOLATION = "23505";
  /** SQLState of a row the table does not accept. */
  public static final String CHECK_VIOLATION = "23514";
  /** SQLState of data not in the state the statement needs (archived, not restored). */
  public static final String NOT_IN_PREREQUISITE_STATE = "55000";

  private final String sqlState;

  public QueryRefusedException(String message) {
    this(NOT_SUPPORTED, message);
  }

  public QueryRefusedException(String sqlState, String message) {
    super(message);
    this.sqlState = sqlState;
  }

  public String sqlState() {
    return sqlState;
  }
}
