package io.tiergate.lifecycle.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiergate.planner.manifest.TierManifest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kills a migration at every step boundary of every transition (before the step runs, and after
 * it ran and was recorded), then lets another runner resume it. At the moment of the crash and
 * after the resume, every row not yet expired is visible exactly once, and the resumed run ends
 * where an uninterrupted one would.
 */
@ExtendWith(LifecycleEngines.Extension.class)
class MigrationFaultInjectionTest {
  private static final AtomicInteger SCENARIOS = new AtomicInteger();
  private static LifecycleEngines engines;

  /** Where the job dies. */
  record CrashPoint(Transition transition, Step step, boolean afterStep) {
    @Override public String toString() {
      return (afterStep ? "after " : "before ") + step + " of " + transition;
    }
  }

  /** A runner dying: an Error, so the runner neither records it nor gives its lease up. */
  static final class SimulatedCrash extends Error {
    SimulatedCrash(CrashPoint point) {
      super("killed " + point);
    }
  }

  @BeforeAll static void engines(LifecycleEngines shared) {
    engines = shared;
  }

  static List<CrashPoint> crashPoints() {
    List<CrashPoint> points = new ArrayList<>();
    for (Transition transition : Transition.values()) {
      for (Step step : transition.steps()) {
        points.add(new CrashPoint(transition, step, false));
        points.add(new CrashPoint(transition, step, true));
      }
    }
    return points;
  }

  @ParameterizedTest(name = "{0}") @MethodSource("crashPoints")
  void killedAtAStepBoundaryAndResumedEveryRowIsVisibleExactlyOnce(CrashPoint point) {
    MigrationScenario s = MigrationScenario.create(engines, "f" + SCENARIOS.incrementAndGet(),
        System.currentTimeMillis());
    assertThat(s.visible()).isEqualTo(s.expected(s.manifests.current(s.name)));

    MigrationRunner dying = s.runner("gateway-1", ActiveQueries.NONE, new StepHook() {
      @Override public void before(MigrationJob job, Step step) {
        crashAt(job, step, false);
      }

      @Override public void after(MigrationJob job, Step step) {
        crashAt(job, step, true);
      }

      private void crashAt(MigrationJob job, Step step, boolean after) {
        if (job.transition() == point.transition() && step == point.step()
            && after == point.afterStep()) {
          throw new SimulatedCrash(point);
        }
      }
    });
    assertThatThrownBy(() -> {
      dying.migrate(s.name, false);
      dying.expire(s.name, false);
    }).isInstanceOf(SimulatedCrash.class);

    // A second gateway cannot take the table while the dead runner's lease lasts...
    MigrationRunner resuming = s.runner("gateway-2", ActiveQueries.NONE, StepHook.NONE);
    assertThatThrownBy(() -> resuming.migrate(s.name, false))
        .hasMessageContaining("already running").hasMessageContaining("gateway-1");

    TierManifest atCrash = s.manifests.current(s.name);
    assertThat(s.visible(atCrash)).as("visible at the crash, manifest %s", atCrash)
        .isEqualTo(s.expected(atCrash));
    Step resumesAt = point.afterStep() ? point.transition().after(point.step()) : point.step();
    if (resumesAt == null) {
      assertThat(s.jobs.unfinished(s.name)).as("the job died after its last step").isEmpty();
    } else {
      assertThat(s.jobs.unfinished(s.name)).as("the dead job").hasValueSatisfying(job -> {
        assertThat(job.transition()).isEqualTo(point.transition());
        assertThat(job.nextStep()).isEqualTo(resumesAt);
      });
    }

    // ...and finishes the job once the lease expired: seen from a clock already past it.
    MigrationRunner resumingLater = s.runner("gateway-2",
        Clock.offset(Clock.systemUTC(), MigrationScenario.LEASE.plusMillis(50)), StepHook.NONE);
    resumingLater.migrate(s.name, false);
    resumingLater.expire(s.name, false);

    TierManifest end = s.manifests.current(s.name);
    assertThat(s.visible(end)).isEqualTo(s.expected(end));
    MigrationScenarioChecks.assertMovedAsPlanned(s, end);
    assertThat(s.jobs.unfinished(s.name)).isEmpty();
  }
}
