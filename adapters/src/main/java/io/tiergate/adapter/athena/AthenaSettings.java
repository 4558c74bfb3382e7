package io.tiergate.adapter.athena;

import java.time.Duration;

/**
 * How queries are submitted to Athena.
 *
 * @param workgroup the workgroup every query runs in (its limits and cost reports apply)
 * @param outputLocation the {@code s3://} prefix Athena writes results to; null: the
 *     workgroup's own
 * @param catalog the data catalog unqualified names resolve in (Calcite qualifies them anyway)
 * @param database the database unqualified names resolve in
 * @param resultReuseMaxAge how old a previous identical query's results may be to be reused;
 *     zero turns result reuse off
 * @param queryTimeout how long a query may take, queued time included, before it is stopped
 * @param pageSize rows asked for per GetQueryResults call (Athena's maximum is 1000)
 * @param firstPoll the wait before the first GetQueryExecution; doubled after each poll
 * @param maxPoll the longest wait between two polls
 */
public record AthenaSettings(String workgroup, String outputLocation, String catalog,
    String database, Duration resultReuseMaxAge, Duration queryTimeout, int pageSize,
    Duration firstPoll, Duration maxPoll) {

  public AthenaSettings {
    if (workgroup == null || workgroup.isBlank()) {
      throw new IllegalArgumentException("workgroup: missing");
    }
    if (outputLocation != null && !outputLocation.startsWith("s3://")) {
      throw new IllegalArgumentException("output-location: must start with s3://, not '"
          + outputLocation + "'");
    }
    if (resultReuseMaxAge.isNegative() || resultReuseMaxAge.toMinutes() > 10_080) {
      throw new IllegalArgumentException("result-reuse-minutes: 0 to 10080 (7 days), not "
          + resultReuseMaxAge.toMinutes());
    }
    if (queryTimeout.isZero() || queryTimeout.isNegative()) {
      throw new IllegalArgumentException("query-timeout-seconds: must be positive, not "
          + queryTimeout.toSeconds());
    }
    if (pageSize < 1 || pageSize > 1000) {
      throw new IllegalArgumentException("page-size: 1 to 1000, not " + pageSize);
    }
  }

  /** Defaults for polling and paging; the rest as given. */
  public static AthenaSettings of(String workgroup, String outputLocation, String catalog,
      String database, Duration resultReuseMaxAge, Duration queryTimeout) {
    return new AthenaSettings(workgroup, outputLocation, catalog, database, resultReuseMaxAge,
        queryTimeout, 1000, Duration.ofMillis(50), Duration.ofSeconds(2));
  }
}
