package io.tiergate.server.ui;

import io.tiergate.server.alert.Alert;
import io.tiergate.server.query.QueryRecord;
import java.time.Instant;
import java.util.List;

/**
 * What the status page at {@code GET /ui} shows, gathered once per request: a value, so the
 * rendering is tested from a fixed model without any store.
 *
 * @param problems sections that could not be gathered, each naming the section and why
 *     (a store down must not take the whole page with it)
 */
public record StatusModel(Instant generatedAt, List<TierLine> tiers, List<JobLine> jobs,
    List<Alert> alerts, List<QueryRecord> queries, List<String> problems) {
  public StatusModel {
    tiers = List.copyOf(tiers);
    jobs = List.copyOf(jobs);
    alerts = List.copyOf(alerts);
    queries = List.copyOf(queries);
    problems = List.copyOf(problems);
  }

  /**
   * One tier of one table (the cold tier once per storage class), as {@code tiergate.tiers}
   * shows it, with the tier's lower boundary in the manifest and where the policy puts it now.
   *
   * @param boundaryMillis the manifest's lower boundary of the tier; null when unbounded
   * @param policyMillis where the table's lifecycle policy puts that boundary now; null when
   *     the table has no policy
   */
  public record TierLine(String table, String tier, String store, String storageClass,
      Long rows, Long bytes, Double monthlyCostUsd, Long boundaryMillis, Long policyMillis) {
  }

  /** One migration job as {@code tiergate.jobs} shows it. */
  public record JobLine(String id, String table, String transition, String state, String step,
      long rowsDone, long rowsTotal, String error) {
  }
}
