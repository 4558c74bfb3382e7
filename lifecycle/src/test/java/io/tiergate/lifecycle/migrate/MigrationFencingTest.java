package io.tiergate.lifecycle.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiergate.planner.manifest.TierManifest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two runners on one table, on the real engines: the lease lets one run at a time, and its
 * fencing token stops a runner that paused past its lease (a long GC, simulated by moving an
 * injected clock) from flipping or deleting after another took over. Whatever happens, every
 * row stays visible exactly once.
 */
@ExtendWith(LifecycleEngines.Extension.class)
class MigrationFencingTest {
  private static final AtomicInteger SCENARIOS = new AtomicInteger();
  private static LifecycleEngines engines;

  @BeforeAll static void engines(LifecycleEngines shared) {
    engines = shared;
  }

  private static MigrationScenario scenario() {
    return MigrationScenario.create(engines, "fence" + SCENARIOS.incrementAndGet(),
        System.currentTimeMillis());
  }

  @Test void twoRunnersRacingOnATableOneRunsTheOtherIsRefused() throws Exception {
    MigrationScenario s = scenario();
    AdjustableClock clock = new AdjustableClock(s.now);
    CyclicBarrier start = new CyclicBarrier(2);
    CountDownLatch loserRefused = new CountDownLatch(1);
    // The winner waits at its first step until the loser was refused, so the two overlap.
    StepHook holdFirstStep = new StepHook() {
      @Override public void before(MigrationJob job, Step step) {
        try {
          assertThat(loserRefused.await(60, TimeUnit.SECONDS)).as("the loser refused").isTrue();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }
    };
    Queue<String> refusals = new ConcurrentLinkedQueue<>();
    Queue<List<MigrationJob>> runs = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (String owner : List.of("gateway-1", "gateway-2")) {
      MigrationRunner runner = s.runner(owner, clock, holdFirstStep);
      Thread thread = new Thread(() -> {
        try {
          start.await();
          runs.add(runner.migrate(s.name, false));
        } catch (MigrationException e) {
          refusals.add(e.getMessage());
          loserRefused.countDown();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join(120_000);
    }

    assertThat(runs).as("runs that finished").hasSize(1);
    assertThat(refusals).singleElement().satisfies(message -> assertThat(message)
        .matches("A migration of table '" + s.name + "' is already running(: job "
            + s.name + "-1 \\(HOT_TO_WARM\\), next step COPY)?, run by gateway-[12] \\(lease "
            + "until " + Instant.ofEpochMilli(s.now + MigrationScenario.LEASE.toMillis())
            + ", fencing token 1\\); try again when it is done"));
    List<MigrationJob> done = runs.peek();
    // Exactly one runner flipped: one manifest version per job it ran, all under token 1.
    assertThat(s.manifests.current(s.name).version()).isEqualTo(1 + done.size());
    assertThat(s.jobs.all()).filteredOn(j -> j.table().equals(s.name)).hasSize(done.size())
        .allSatisfy(j -> {
          assertThat(j.state()).isEqualTo(MigrationJob.State.DONE);
          assertThat(j.fencingToken()).isEqualTo(1);
        });
    assertThat(s.visible()).isEqualTo(s.expected(s.manifests.current(s.name)));
  }

  @Test void aSecondRunnerWhileTheFirstHoldsTheLeaseIsRefusedAndChangesNothing() {
    MigrationScenario s = scenario();
    AdjustableClock clock = new AdjustableClock(s.now);
    MigrationRunner second = s.runner("gateway-2", clock, StepHook.NONE);
    AtomicReference<MigrationScenario.StoresContent> before = new AtomicReference<>();
    AtomicReference<List<MigrationJob>> jobsBefore = new AtomicReference<>();
    MigrationRunner first = s.runner("gateway-1", clock, new StepHook() {
      @Override public void before(MigrationJob job, Step step) {
        if (job.transition() == Transition.HOT_TO_WARM && step == Step.VERIFY) {
          before.set(s.storesContent());
          jobsBefore.set(s.jobs.all());
          assertThatThrownBy(() -> second.migrate(s.name, false))
              .isInstanceOf(MigrationException.class)
              .hasMessage("A migration of table '" + s.name + "' is already running: job "
                  + s.name + "-1 (HOT_TO_WARM), next step VERIFY, run by gateway-1 (lease until "
                  + Instant.ofEpochMilli(s.now + MigrationScenario.LEASE.toMillis())
                  + ", fencing token 1); try again when it is done");
          assertThat(s.storesContent()).isEqualTo(before.get());
          assertThat(s.jobs.all()).isEqualTo(jobsBefore.get());
        }
      }
    });

    first.migrate(s.name, false);
    first.expire(s.name, false);

    assertThat(before.get()).as("the second runner was tried").isNotNull();
    TierManifest end = s.manifests.current(s.name);
    assertThat(s.visible(end)).isEqualTo(s.expected(end));
    MigrationScenarioChecks.assertMovedAsPlanned(s, end);
  }

  /** Where the first runner stalls past its lease. */
  record PausePoint(Transition transition, Step step) {
    @Override public String toString() {
      return "paused before " + step + " of " + transition;
    }
  }

  static List<PausePoint> pausePoints() {
    List<PausePoint> points = new ArrayList<>();
    points.add(new PausePoint(Transition.HOT_TO_WARM, Step.COPY));
    for (Transition transition : Transition.values()) {
      for (Step step : List.of(Step.FLIP, Step.DELETE)) {
        if (transition.steps().contains(step)) {
          points.add(new PausePoint(transition, step));
        }
      }
    }
    return points;
  }

  @ParameterizedTest(name = "{0}") @MethodSource("pausePoints")
  void aRunnerTakenOverWhilePausedFlipsAndDeletesNothing(PausePoint point) {
    MigrationScenario s = scenario();
    AdjustableClock clock = new AdjustableClock(s.now);
    long hotFloorBefore = s.manifests.current(s.name).hotFloor();
    MigrationRunner taker = s.runner("gateway-2", clock, StepHook.NONE);
    AtomicBoolean paused = new AtomicBoolean();
    AtomicReference<MigrationScenario.StoresContent> afterTakeover = new AtomicReference<>();
    AtomicReference<Object[]> rewritten = new AtomicReference<>();
    AtomicLong pausedJob = new AtomicLong();
    MigrationRunner pausing = s.runner("gateway-1", clock, new StepHook() {
      @Override public void before(MigrationJob job, Step step) {
        if (job.transition() != point.transition() || step != point.step()
            || !paused.compareAndSet(false, true)) {
          return;
        }
        pausedJob.set(job.sequence());
        // gateway-1 stalls here past its lease; gateway-2 takes the table and runs everything,
        // the job gateway-1 was in included.
        clock.advance(MigrationScenario.LEASE.plusMillis(1));
        taker.migrate(s.name, false);
        taker.expire(s.name, false);
        // The app writes a moved row again into its (now warm) day: a stale DELETE by the
        // job's keys would remove this newer version.
        TierManifest m = s.manifests.current(s.name);
        Object[] moved = s.rows.stream().filter(r -> (Long) r[2] >= hotFloorBefore
            && (Long) r[2] < m.hotFloor()).findFirst().orElseThrow();
        rewritten.set(new Object[] {moved[0], moved[1], moved[2], 4242.5});
        s.putHot(List.<Object[]>of(rewritten.get()));
        afterTakeover.set(s.storesContent());
      }
    });

    assertThatThrownBy(() -> {
      if (point.transition() == Transition.EXPIRE) {
        pausing.expire(s.name, false);
      } else {
        pausing.migrate(s.name, false);
      }
    }).isInstanceOf(MigrationException.class)
        .hasMessageStartingWith("Migration job " + s.name + "-")
        .hasMessageContaining("(" + point.transition() + " of " + s.name + " ")
        .hasMessageContaining(") stopped at " + point.step() + ": the lease of table '" + s.name
            + "' was taken over by runner gateway-2 with fencing token 3 while this runner "
            + "held token 1; ")
        .hasMessageEndingWith(", and the runner that took the lease over finishes the job");

    // Nothing flipped, deleted or written since the takeover; no job changed back.
    assertThat(s.storesContent()).isEqualTo(afterTakeover.get());
    TierManifest end = s.manifests.current(s.name);
    assertThat(s.visible(end)).isEqualTo(s.expected(end));
    assertThat(s.jobs.all()).filteredOn(j -> j.table().equals(s.name))
        .allSatisfy(j -> assertThat(j.state()).isEqualTo(MigrationJob.State.DONE))
        .filteredOn(j -> j.sequence() == pausedJob.get()).singleElement()
        .satisfies(j -> assertThat(j.fencingToken()).as("taken on by gateway-2").isEqualTo(2));

    // The rewritten row survived: the next run moves it, and a query sees it once, new.
    taker.migrate(s.name, false);
    s.rows.replaceAll(r -> r[0].equals(rewritten.get()[0]) && r[1].equals(rewritten.get()[1])
        ? rewritten.get() : r);
    TierManifest last = s.manifests.current(s.name);
    assertThat(s.visible(last)).isEqualTo(s.expected(last));
    MigrationScenarioChecks.assertMovedAsPlanned(s, last);
  }
}
