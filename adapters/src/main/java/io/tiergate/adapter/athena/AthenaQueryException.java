package io.tiergate.adapter.athena;

import java.sql.SQLException;

/**
 * A query Athena did not complete: FAILED or CANCELLED (the message carries Athena's
 * StateChangeReason), or stopped by the gateway after its timeout.
 */
public final class AthenaQueryException extends SQLException {
  private final String queryId;

  public AthenaQueryException(String message, String sqlState, String queryId,
      Throwable cause) {
    super(message, sqlState, cause);
    this.queryId = queryId;
  }

  /** Athena's id of the query, to look it up in the console or with GetQueryExecution. */
  public String queryId() {
    return queryId;
  }
}
