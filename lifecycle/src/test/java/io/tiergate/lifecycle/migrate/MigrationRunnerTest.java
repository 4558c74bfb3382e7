package io.tiergate.lifecycle.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiergate.planner.manifest.Tier;
import io.tiergate.planner.manifest.TierManifest;
import io.tiergate.planner.manifest.TimeSlice;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Migrations on the real engines beyond the crash matrix: late rows, readers during a run, a
 * dry run, and the failures that must change nothing visible.
 */
@ExtendWith(LifecycleEngines.Extension.class)
class MigrationRunnerTest {
  private static final AtomicInteger SCENARIOS = new AtomicInteger();
  private static LifecycleEngines engines;

  @BeforeAll static void engines(LifecycleEngines shared) {
    engines = shared;
  }

  private static MigrationScenario scenario() {
    return MigrationScenario.create(engines, "r" + SCENARIOS.incrementAndGet(),
        System.currentTimeMillis());
  }

  @Test void aLateRowIsInvisibleUntilTheNextRunMovesIt() {
    MigrationScenario s = scenario();
    MigrationRunner runner = s.runner("gateway-1", ActiveQueries.NONE, StepHook.NONE);
    runner.migrate(s.name, false);
    TierManifest m = s.manifests.current(s.name);
    // Written straight to DynamoDB, as the operational apps do, into a day already warm.
    long lateTime = m.hotFloor() - 2 * 86_400_000L + 1234;
    Object[] late = {"t1", "late-1", lateTime, 99.5};
    s.putHot(List.<Object[]>of(late));
    assertThat(s.visible()).as("a late row is read from no tier yet").isEqualTo(s.expected(m));

    List<MigrationJob> jobs = runner.migrate(s.name, false);
    assertThat(jobs).first().satisfies(job -> {
      assertThat(job.transition()).isEqualTo(Transition.HOT_TO_WARM);
      assertThat(job.rowsDone()).isEqualTo(1);
    });
    s.rows.add(late);
    assertThat(s.visible()).isEqualTo(s.expected(s.manifests.current(s.name)));
    assertThat(s.lifecycle.hot().rows(new TimeSlice(Long.MIN_VALUE, m.hotFloor()))).isEmpty();
  }

  @Test void aRowWrittenAgainAfterItsDayMovedReplacesTheMovedVersion() {
    MigrationScenario s = scenario();
    long hotFloorBefore = s.manifests.current(s.name).hotFloor();
    MigrationRunner runner = s.runner("gateway-1", ActiveQueries.NONE, StepHook.NONE);
    runner.migrate(s.name, false);
    TierManifest m = s.manifests.current(s.name);
    Object[] moved = s.rows.stream().filter(r -> (Long) r[2] >= hotFloorBefore
        && (Long) r[2] < m.hotFloor()).findFirst().orElseThrow();
    // The app writes the same item again (same key and time, a new amount) into a warm day.
    Object[] again = {moved[0], moved[1], moved[2], 777.25};
    s.putHot(List.<Object[]>of(again));

    List<MigrationJob> jobs = runner.migrate(s.name, false);

    assertThat(jobs).first().satisfies(job -> {
      assertThat(job.transition()).isEqualTo(Transition.HOT_TO_WARM);
      assertThat(job.rowsDone()).isEqualTo(1);
    });
    TierManifest after = s.manifests.current(s.name);
    // The checksum covers whole rows: what a query sees is the new version.
    s.rows.set(s.rows.indexOf(moved), again);
    assertThat(s.visible()).as("the key is seen once").isEqualTo(s.expected(after));
    assertThat(s.lifecycle.warm().rows(after.slice(Tier.WARM)).stream()
        .filter(r -> r[0].equals(moved[0]) && r[1].equals(moved[1])).toList())
        .singleElement().satisfies(r -> assertThat(r[3]).isEqualTo(777.25));
    assertThat(s.lifecycle.hot().rows(new TimeSlice(Long.MIN_VALUE, after.hotFloor())))
        .isEmpty();
  }

  @Test void readersDuringARunAllSeeTheSameRows() throws InterruptedException {
    MigrationScenario s = scenario();
    RowChecksum before = s.visible();
    PinnedQueries queries = new PinnedQueries();
    AtomicBoolean running = new AtomicBoolean(true);
    ConcurrentLinkedQueue<RowChecksum> seen = new ConcurrentLinkedQueue<>();
    List<Thread> readers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Thread reader = new Thread(() -> {
        while (running.get()) {
          // As a gateway does: pin the version, plan with it, read every tier, unpin.
          TierManifest m = s.manifests.current(s.name);
          try (PinnedQueries.Pin pin = queries.pin(java.util.Map.of(s.name, m.version()))) {
            seen.add(s.visible(m));
          }
        }
      });
      reader.start();
      readers.add(reader);
    }
    try {
      // No minimum drain: only the pins keep DELETE from removing rows a reader still reads.
      new MigrationRunner(s.jobs, s.manifests, java.util.Map.of(s.name, s.lifecycle), queries,
          java.time.Clock.systemUTC(), "gateway-1", new MigrationRunner.Settings(
              MigrationScenario.LEASE, java.time.Duration.ZERO, java.time.Duration.ofSeconds(30)),
          StepHook.NONE).migrate(s.name, false);
    } finally {
      running.set(false);
      for (Thread reader : readers) {
        reader.join();
      }
    }
    assertThat(seen).hasSizeGreaterThan(2).containsOnly(before);
  }

  @Test void aDryRunPlansEveryMoveAndChangesNothing() {
    MigrationScenario s = scenario();
    TierManifest before = s.manifests.current(s.name);
    MigrationRunner runner = s.runner("gateway-1", ActiveQueries.NONE, StepHook.NONE);
    List<MigrationJob> planned = new ArrayList<>(runner.migrate(s.name, true));
    planned.addAll(runner.expire(s.name, true));
    assertThat(planned).extracting(MigrationJob::transition).containsExactly(
        Transition.HOT_TO_WARM, Transition.WARM_TO_COLD, Transition.COLD_CLASS,
        Transition.COLD_CLASS, Transition.EXPIRE);
    assertThat(planned).allMatch(j -> j.state() == MigrationJob.State.PLANNED);
    assertThat(s.manifests.current(s.name)).isEqualTo(before);
    assertThat(s.jobs.all()).noneMatch(j -> j.table().equals(s.name));
  }

  @Test void aVerificationMismatchFailsTheJobAndChangesNothingVisible() throws Exception {
    MigrationScenario s = scenario();
    TierManifest before = s.manifests.current(s.name);
    MigrationRunner lossy = s.runner("gateway-1", ActiveQueries.NONE, new StepHook() {
      @Override public void before(MigrationJob job, Step step) {
        if (job.transition() == Transition.HOT_TO_WARM && step == Step.VERIFY) {
          // A load that lost a row.
          try (Connection c = engines.warm().getConnection();
              Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM lc." + s.name + " WHERE event_time >= TIMESTAMP '"
                + io.tiergate.planner.manifest.SqlTimestamp.format(before.hotFloor()) + "'");
          } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    });
    assertThatThrownBy(() -> lossy.migrate(s.name, false))
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("failed at VERIFY and changed nothing visible")
        .hasMessageContaining("the source held").hasMessageContaining("lc." + s.name + " holds");
    assertThat(s.manifests.current(s.name)).isEqualTo(before);
    assertThat(s.visible()).isEqualTo(s.expected(before));
    assertThat(s.jobs.all()).filteredOn(j -> j.table().equals(s.name)).first()
        .satisfies(j -> assertThat(j.state()).isEqualTo(MigrationJob.State.FAILED));

    // The failed job's files are gone, so the next run starts clean and succeeds.
    MigrationRunner runner = s.runner("gateway-1", ActiveQueries.NONE, StepHook.NONE);
    runner.migrate(s.name, false);
    runner.expire(s.name, false);
    TierManifest end = s.manifests.current(s.name);
    assertThat(s.visible(end)).isEqualTo(s.expected(end));
    MigrationScenarioChecks.assertMovedAsPlanned(s, end);
  }

  @Test void aManifestMovedByAnotherWriterFailsTheJob() {
    MigrationScenario s = scenario();
    MigrationRunner runner = s.runner("gateway-1", ActiveQueries.NONE, new StepHook() {
      @Override public void before(MigrationJob job, Step step) {
        if (job.transition() == Transition.HOT_TO_WARM && step == Step.FLIP) {
          TierManifest m = s.manifests.current(s.name);
          // A version bump that moves no boundary (a restore) is taken in stride...
          s.manifests.write(new TierManifest(m.table(), m.version() + 1, m.coldFloor(),
              m.warmFloor(), m.hotFloor(), m.coldRuns()));
        }
        if (job.transition() == Transition.WARM_TO_COLD && step == Step.FLIP) {
          // ...a moved boundary is not.
          TierManifest m = s.manifests.current(s.name);
          s.manifests.write(m.withFloors(m.coldFloor(), m.warmFloor() + 3_600_000,
              m.hotFloor()));
        }
      }
    });
    assertThatThrownBy(() -> runner.migrate(s.name, false))
        .hasMessageContaining("failed at FLIP and changed nothing visible")
        .hasMessageContaining("another writer moved a boundary");
    assertThat(s.jobs.all()).filteredOn(j -> j.table().equals(s.name))
        .extracting(MigrationJob::transition, MigrationJob::state)
        .contains(org.assertj.core.groups.Tuple.tuple(Transition.HOT_TO_WARM,
            MigrationJob.State.DONE), org.assertj.core.groups.Tuple.tuple(
            Transition.WARM_TO_COLD, MigrationJob.State.FAILED));
  }

  @Test void anUnknownTableIsNamed() {
    MigrationScenario s = scenario();
    MigrationRunner runner = s.runner("gateway-1", ActiveQueries.NONE, StepHook.NONE);
    assertThatThrownBy(() -> runner.migrate("nosuch", false))
        .hasMessage("Table 'nosuch' has no lifecycle to run; tiered tables: [" + s.name + "]");
  }

  @Test void metersShowStepTimesRowsMovedAndFailures() {
    MigrationScenario s = scenario();
    io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    MigrationRunner runner = s.runner("gateway-1", ActiveQueries.NONE, new StepHook() {
      @Override public void before(MigrationJob job, Step step) {
        if (job.transition() == Transition.WARM_TO_COLD && step == Step.FLIP) {
          TierManifest m = s.manifests.current(s.name);
          s.manifests.write(m.withFloors(m.coldFloor(), m.warmFloor() + 3_600_000,
              m.hotFloor()));
        }
      }
    }, new MigrationMeters(registry));
    assertThatThrownBy(() -> runner.migrate(s.name, false))
        .hasMessageContaining("failed at FLIP");

    List<MigrationJob> hotToWarm = s.jobs.all().stream()
        .filter(j -> j.table().equals(s.name) && j.transition() == Transition.HOT_TO_WARM)
        .toList();
    assertThat(hotToWarm).isNotEmpty()
        .allSatisfy(j -> assertThat(j.state()).isEqualTo(MigrationJob.State.DONE));
    long moved = hotToWarm.stream().mapToLong(MigrationJob::rowsDone).sum();
    assertThat(moved).isPositive();
    assertThat(registry.get("tiergate.migration.rows").tag("table", s.name)
        .tag("transition", "hot_to_warm").counter().count()).isEqualTo((double) moved);
    assertThat(registry.get("tiergate.migration.job").tag("transition", "hot_to_warm")
        .timer().count()).isEqualTo(hotToWarm.size());
    for (Step step : Transition.HOT_TO_WARM.steps()) {
      assertThat(registry.get("tiergate.migration.step").tag("transition", "hot_to_warm")
          .tag("step", step.name().toLowerCase(java.util.Locale.ROOT)).tag("outcome", "ok")
          .timer().count()).as(step.name()).isEqualTo(hotToWarm.size());
    }
    assertThat(registry.get("tiergate.migration.failures").tag("transition", "warm_to_cold")
        .tag("step", "flip").tag("outcome", "failed").counter().count()).isEqualTo(1.0);
    assertThat(registry.find("tiergate.migration.job").tag("transition", "warm_to_cold")
        .timer()).as("a failed job did not finish").isNull();
  }
}
