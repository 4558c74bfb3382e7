package io.tiergate.server.query;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One finished statement, a row of {@code tiergate.queries}. {@code statement} is already
 * masked when the configuration masks literals; {@code errorSqlState} is null unless it failed;
 * {@code storeRequests} counts native requests by store, in store-name order.
 */
public record QueryRecord(long queryId, String user, String statement, Instant startedAt,
    long durationMillis, QueryStatus status, String errorSqlState, String tiers,
    Map<String, Long> storeRequests, long rowsReturned) {
  public QueryRecord {
    storeRequests = Map.copyOf(storeRequests);
  }

  /** {@code dynamodb=2,redis=1}: the requests by store, names in order; empty when none. */
  public String storeRequestsText() {
    return storeRequests.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
  }
}
