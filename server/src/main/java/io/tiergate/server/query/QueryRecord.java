package io.tiergate.server.query;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One finished statement, a row of {@code tiergate.queries}. {@code statement} is already
 * masked when the configuration masks literals; {@code errorSqlState} is null unless it failed;
 * {@code storeRequests} counts native requests by store, in store-name order;
 * {@code estimatedCostUsd} is what the plan was estimated to cost and {@code actualCostUsd} the
 * same estimate counting only the tier branches whose stores were asked (both null when the
 * statement has no estimate: EXPLAIN, a refusal before planning, a table without tiers).
 */
public record QueryRecord(long queryId, String user, String statement, Instant startedAt,
    long durationMillis, QueryStatus status, String errorSqlState, String tiers,
    Map<String, Long> storeRequests, long rowsReturned, Double estimatedCostUsd,
    Double actualCostUsd) {
  public QueryRecord(long queryId, String user, String statement, Instant startedAt,
      long durationMillis, QueryStatus status, String errorSqlState, String tiers,
      Map<String, Long> storeRequests, long rowsReturned) {
    this(queryId, user, statement, startedAt, durationMillis, status, errorSqlState, tiers,
        storeRequests, rowsReturned, null, null);
  }

  public QueryRecord {
    storeRequests = Map.copyOf(storeRequests);
  }

  /** {@code dynamodb=2,redis=1}: the requests by store, names in order; empty when none. */
  public String storeRequestsText() {
    return storeRequests.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
  }
}
