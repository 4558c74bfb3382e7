package io.tiergate.server.ui;

import io.tiergate.lifecycle.admin.Caller;
import io.tiergate.lifecycle.admin.StorageReport;
import io.tiergate.lifecycle.migrate.LifecyclePolicy;
import io.tiergate.lifecycle.migrate.MigrationJob;
import io.tiergate.lifecycle.migrate.Step;
import io.tiergate.planner.manifest.ManifestStore;
import io.tiergate.planner.manifest.TierManifest;
import io.tiergate.server.alert.Alert;
import io.tiergate.server.query.QueryLog;
import io.tiergate.server.ui.StatusModel.JobLine;
import io.tiergate.server.ui.StatusModel.TierLine;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers the status page's model from the objects behind the system tables ({@code tiers},
 * {@code jobs}, {@code alerts}, {@code queries}) rather than through SQL: the page must still
 * show what it can when the planner or one store is in trouble, so each section is gathered
 * on its own and a failure becomes a line naming it.
 */
public final class StatusPage {
  private static final Logger LOG = LoggerFactory.getLogger(StatusPage.class);

  private final StorageReport storage;
  private final ManifestStore manifests;
  private final Map<String, LifecyclePolicy> policies;
  private final Supplier<List<MigrationJob>> jobs;
  private final Supplier<List<Alert>> alerts;
  private final QueryLog queries;
  private final Clock clock;

  /**
   * @param storage null when the gateway has no control table (no tiers to show)
   * @param jobs null when the gateway runs no migrations
   */
  public StatusPage(StorageReport storage, ManifestStore manifests,
      Map<String, LifecyclePolicy> policies, Supplier<List<MigrationJob>> jobs,
      Supplier<List<Alert>> alerts, QueryLog queries, Clock clock) {
    this.storage = storage;
    this.manifests = manifests;
    this.policies = Map.copyOf(policies);
    this.jobs = jobs;
    this.alerts = alerts;
    this.queries = queries;
    this.clock = clock;
  }

  public StatusModel gather(Caller admin) {
    List<String> problems = new ArrayList<>();
    return new StatusModel(clock.instant(),
        section("Tiers", this::tiers, problems),
        section("Migration jobs", this::jobLines, problems),
        section("Alerts", alerts, problems),
        queries.visibleTo(admin), problems);
  }

  private static <T> List<T> section(String name, Supplier<List<T>> gather,
      List<String> problems) {
    try {
      return gather.get();
    } catch (RuntimeException e) {
      LOG.warn("Status page: {} could not be gathered", name, e);
      problems.add(name + " could not be read: " + e.getMessage()
          + "; the gateway's log has the details");
      return List.of();
    }
  }

  private List<TierLine> tiers() {
    if (storage == null) {
      return List.of();
    }
    long now = clock.millis();
    List<TierLine> lines = new ArrayList<>();
    for (StorageReport.TierRow row : storage.tiers()) {
      TierManifest m = manifests.current(row.table());
      LifecyclePolicy policy = policies.get(row.table());
      Long boundary;
      Long due;
      switch (row.tier()) {
        case "hot" -> {
          boundary = bounded(m.hotFloor());
          due = policy == null ? null : policy.hotFloor(now);
        }
        case "warm" -> {
          boundary = bounded(m.warmFloor());
          due = policy == null ? null : policy.warmFloor(now);
        }
        default -> {
          boundary = bounded(m.coldFloor());
          due = policy == null ? null : policy.coldFloor(now);
        }
      }
      lines.add(new TierLine(row.table(), row.tier(), row.store(), row.storageClass(),
          row.rows(), row.bytes(), row.monthlyCostUsd(), boundary, due));
    }
    return lines;
  }

  private List<JobLine> jobLines() {
    if (jobs == null) {
      return List.of();
    }
    return jobs.get().stream().map(StatusPage::line).toList();
  }

  /** As {@code tiergate.jobs}: the step a job runs or resumes at, or the last one done. */
  private static JobLine line(MigrationJob j) {
    Step step = j.state() == MigrationJob.State.DONE ? j.lastDone() : j.nextStep();
    return new JobLine(j.id(), j.table(), j.transition().name(), j.state().name(),
        step == null ? null : step.name(), j.rowsDone(), j.rowsTotal(), j.error());
  }

  private static Long bounded(long millis) {
    return millis == Long.MIN_VALUE || millis == Long.MAX_VALUE ? null : millis;
  }
}
