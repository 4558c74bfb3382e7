package io.tiergate.lifecycle.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiergate.planner.manifest.ColdStorageRun;
import io.tiergate.planner.manifest.TierManifest;
import io.tiergate.planner.manifest.TimeSlice;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure part of migrations: which moves, and the manifest after each flip. */
class MigrationPlannerTest {
  private static final long DAY = 86_400_000L;
  private static final long NOW = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
  private static final long MIDNIGHT = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
  private final MigrationPlanner planner = new MigrationPlanner(LifecyclePolicy.ADR_002);

  private static TierManifest manifest() {
    return new TierManifest("events", 4, MIDNIGHT - 2556 * DAY, MIDNIGHT - 367 * DAY,
        MIDNIGHT - 32 * DAY, List.of(
            // As classified a day ago: one day of each run is now due for the next class.
            ColdStorageRun.of(MIDNIGHT - 2556 * DAY, MIDNIGHT - 1826 * DAY, "DEEP_ARCHIVE", true),
            ColdStorageRun.of(MIDNIGHT - 1826 * DAY, MIDNIGHT - 731 * DAY, "GLACIER", true),
            ColdStorageRun.of(MIDNIGHT - 731 * DAY, MIDNIGHT - 367 * DAY, "GLACIER_IR", false)));
  }

  @Test void eachTransitionMovesWhatItsAgeCallsFor() {
    TierManifest m = manifest();
    assertThat(planner.plan(Transition.HOT_TO_WARM, m, NOW)).containsExactly(new PlannedMove(
        Transition.HOT_TO_WARM, new TimeSlice(m.warmFloor(), MIDNIGHT - 30 * DAY), null));
    assertThat(planner.plan(Transition.WARM_TO_COLD, m, NOW)).containsExactly(new PlannedMove(
        Transition.WARM_TO_COLD, new TimeSlice(m.warmFloor(), MIDNIGHT - 365 * DAY),
        "GLACIER_IR"));
    assertThat(planner.plan(Transition.COLD_CLASS, m, NOW)).containsExactly(
        new PlannedMove(Transition.COLD_CLASS, new TimeSlice(MIDNIGHT - 1826 * DAY,
            MIDNIGHT - 1825 * DAY), "DEEP_ARCHIVE"),
        new PlannedMove(Transition.COLD_CLASS, new TimeSlice(MIDNIGHT - 731 * DAY,
            MIDNIGHT - 730 * DAY), "GLACIER"));
    assertThat(planner.plan(Transition.EXPIRE, m, NOW)).containsExactly(new PlannedMove(
        Transition.EXPIRE, new TimeSlice(m.coldFloor(), MIDNIGHT - 2555 * DAY), null));
  }

  @Test void aFlipMovesOneBoundaryAndIsIdempotent() {
    TierManifest m = manifest();
    PlannedMove move = planner.plan(Transition.WARM_TO_COLD, m, NOW).get(0);
    TierManifest flipped = MigrationPlanner.flip(m, move);
    assertThat(flipped.version()).isEqualTo(5);
    assertThat(flipped.warmFloor()).isEqualTo(MIDNIGHT - 365 * DAY);
    assertThat(flipped.hotFloor()).isEqualTo(m.hotFloor());
    assertThat(flipped.coldRuns()).last().isEqualTo(ColdStorageRun.of(MIDNIGHT - 731 * DAY,
        MIDNIGHT - 365 * DAY, "GLACIER_IR", false));
    // Repeated after a crash: nothing more to write.
    assertThat(MigrationPlanner.flip(flipped, move)).isSameAs(flipped);
  }

  @Test void aColderClassIsRecordedAsNeedingARestore() {
    TierManifest m = manifest();
    PlannedMove toFlexible = planner.plan(Transition.COLD_CLASS, m, NOW).get(1);
    TierManifest flipped = MigrationPlanner.flip(m, toFlexible);
    assertThat(flipped.coldRuns()).containsExactly(
        ColdStorageRun.of(MIDNIGHT - 2556 * DAY, MIDNIGHT - 1826 * DAY, "DEEP_ARCHIVE", true),
        ColdStorageRun.of(MIDNIGHT - 1826 * DAY, MIDNIGHT - 730 * DAY, "GLACIER", true),
        ColdStorageRun.of(MIDNIGHT - 730 * DAY, MIDNIGHT - 367 * DAY, "GLACIER_IR", false));
    assertThat(MigrationPlanner.flip(flipped, toFlexible)).isSameAs(flipped);
  }

  @Test void aMovedBoundaryIsAConflict() {
    TierManifest m = manifest();
    PlannedMove move = planner.plan(Transition.WARM_TO_COLD, m, NOW).get(0);
    TierManifest moved = m.withFloors(m.coldFloor(), m.warmFloor() + DAY / 2, m.hotFloor());
    assertThatThrownBy(() -> MigrationPlanner.flip(moved, move))
        .isInstanceOf(MigrationPlanner.ManifestMovedException.class)
        .hasMessageContaining("another writer moved a boundary");
  }

  @Test void badPoliciesNameTheKey() {
    assertThatThrownBy(() -> LifecyclePolicy.parse(Map.of("hot", "30 days"), "tables.e.lifecycle"))
        .hasMessage("tables.e.lifecycle.hot: '30 days' is not an age such as 30d, 12h, 90m or"
            + " 45s");
    assertThatThrownBy(() -> LifecyclePolicy.parse(Map.of("colder", "1d"), "tables.e.lifecycle"))
        .hasMessageContaining("tables.e.lifecycle.colder: unknown");
    assertThatThrownBy(() -> LifecyclePolicy.parse(Map.of("hot", "400d"), "tables.e.lifecycle"))
        .hasMessageContaining("must not decrease");
  }
}
