package io.tiergate.server.query;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tiergate.server.error.ErrorKind;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The per-query meters: {@code tiergate_query_seconds} (a histogram by the tiers the statement
 * read and how it ended, so p99 per tier set is one PromQL expression),
 * {@code tiergate_query_rows_total} (rows sent to clients, by tiers) and
 * {@code tiergate_queries_refused_total} (statements refused before they ran, by error kind).
 */
public final class QueryMetrics {
  public static final String SECONDS = "tiergate.query";
  public static final String ROWS = "tiergate.query.rows";
  public static final String REFUSED = "tiergate.queries.refused";

  private final MeterRegistry registry;

  public QueryMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** A statement that ran, with the tiers it read ({@link TiersRead#label}). */
  void ran(String tiers, QueryStatus status, long nanos, long rows) {
    Timer.builder(SECONDS)
        .description("Time of each query from execute to its last row, by the tiers it read")
        .tags("tiers", tiers, "status", status.label())
        .publishPercentileHistogram()
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
    Counter.builder(ROWS)
        .description("Rows returned to clients, by the tiers the query read")
        .tag("tiers", tiers)
        .register(registry)
        .increment(rows);
  }

  void refused(ErrorKind reason) {
    Counter.builder(REFUSED)
        .description("Statements refused before they ran, by error kind")
        .tag("reason", reason.name().toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
  }
}
