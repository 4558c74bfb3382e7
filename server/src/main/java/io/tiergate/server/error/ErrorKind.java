package io.tiergate.server.error;

/**
 * What went wrong, as a client sees it: the SQLState (its class tells a tool what kind of
 * failure this is) and a vendor error code that stays the same across releases. docs/errors.md
 * lists them; ErrorKindTest keeps that table and this enum in step.
 *
 * <p>Codes are grouped: 1xxx the statement, 2xxx a value, 3xxx who may do it, 4xxx the state of
 * the data, 5xxx a store, 9xxx the gateway itself. Code 1 is Avatica's own: its client reconnects
 * when it sees it, so only a connection the gateway no longer knows may use it.
 */
public enum ErrorKind {
  SYNTAX_ERROR(1001, "42601", "Syntax error: the statement does not parse"),
  UNKNOWN_TABLE(1002, "42P01", "Unknown table (or schema)"),
  UNKNOWN_COLUMN(1003, "42703", "Unknown column"),
  TYPE_MISMATCH(1004, "42804", "Operands or a target of incompatible types"),
  UNKNOWN_FUNCTION(1005, "42883", "No function of that name takes these arguments"),
  INVALID_STATEMENT(1006, "42000", "Any other statement the validator refuses"),

  BAD_PARAMETER(2001, "22018", "A bound value that does not convert to the parameter's type"),
  BAD_DATETIME_PARAMETER(2002, "22007",
      "A bound value that is not a date, time or timestamp where one is expected"),
  UNBOUND_PARAMETER(2003, "07001", "A parameter without a value, or more values than "
      + "parameters"),
  DATA_ERROR(2004, "22000", "A value the statement cannot compute with (division by zero, a "
      + "CAST of text that is not a number)"),
  INVALID_ARGUMENT(2005, "22023", "An argument a procedure does not accept (CALL tiergate.*)"),
  NOT_NULL_VIOLATION(2101, "23502", "INSERT of NULL into a key or time column"),
  UNIQUE_VIOLATION(2102, "23505", "INSERT of a key that exists (or twice in one statement)"),
  CHECK_VIOLATION(2103, "23514", "INSERT of a row the table does not accept (older than its "
      + "hot tier)"),
  NOT_SUPPORTED(2201, "0A000", "An operation a tiered table does not support (UPDATE, DELETE)"),

  AUTHENTICATION_FAILED(3001, "28P01", "Wrong user or password"),
  AUTHENTICATION_REQUIRED(3002, "28000", "No credentials, and the gateway refuses anonymous "
      + "connections"),
  PERMISSION_DENIED(3003, "42501", "The user lacks the role (admin procedures, archived=restore)"),

  ARCHIVED_NOT_RESTORED(4001, "55000", "The query needs S3 Glacier partitions that are not "
      + "restored; the message gives the CALL tiergate.restore(...) to run"),
  RESTORE_UNDER_WAY(4002, "55000", "archived=restore started restores that are not done yet"),
  NOT_IN_STATE(4003, "55000", "A procedure the table's state does not allow now"),
  LIMIT_EXCEEDED(4101, "54000", "Refused for its cost or size (a full Redis SCAN where the "
      + "table does not allow one)"),
  COST(4102, "54000", "Refused before it ran: its estimated cost exceeds the connection's "
      + "max_cost_usd; the message names each tier's share"),
  CANCELLED(4201, "57014", "Cancelled, or stopped by a timeout"),

  STORE_UNAVAILABLE(5001, "08006", "A store could not be reached; the message names it and "
      + "where"),
  STORE_FAILED(5002, "58000", "A store reached refused or failed the request; the message has "
      + "its reason"),
  STORE_SATURATED(5003, "53300", "Every connection of a store was busy and the query waited "
      + "its longest for one, or found the store's queue full; the message names the store"),

  NO_SUCH_CONNECTION(1, "08003", "The gateway does not know the connection (restarted, or "
      + "closed it); Avatica's client reconnects on this code"),
  INTERNAL_ERROR(9001, "XX000", "A fault in the gateway; the server log has it under the "
      + "error id"),
  PROTOCOL_ERROR(9002, "08P01", "A request that is not Avatica JSON or protobuf the gateway "
      + "reads (a client of another Avatica version, or not an Avatica client)");

  private final int code;
  private final String sqlState;
  private final String meaning;

  ErrorKind(int code, String sqlState, String meaning) {
    this.code = code;
    this.sqlState = sqlState;
    this.meaning = meaning;
  }

  /** The vendor code: {@code SQLException.getErrorCode()}. */
  public int code() {
    return code;
  }

  /** {@code SQLException.getSQLState()}. */
  public String sqlState() {
    return sqlState;
  }

  /** One line for docs/errors.md. */
  public String meaning() {
    return meaning;
  }

  /** Whether the client's statement (or its user) is at fault, not the gateway or a store. */
  public boolean isClientFault() {
    return code < 5000 && this != INTERNAL_ERROR;
  }
}
