package io.tiergate.lifecycle.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiergate.adapter.s3.S3ObjectInfo;
import io.tiergate.planner.manifest.ColdStorageRun;
import io.tiergate.planner.manifest.Tier;
import io.tiergate.planner.manifest.TierManifest;
import io.tiergate.planner.manifest.TimeSlice;
import java.util.List;

/** What a finished run must have left, whatever happened on the way. */
final class MigrationScenarioChecks {
  private MigrationScenarioChecks() {
  }

  static void assertMovedAsPlanned(MigrationScenario s, TierManifest end) {
    LifecyclePolicy policy = s.lifecycle.policy();
    assertThat(end.hotFloor()).isEqualTo(policy.hotFloor(s.now));
    assertThat(end.warmFloor()).isEqualTo(policy.warmFloor(s.now));
    assertThat(end.coldFloor()).isEqualTo(policy.coldFloor(s.now));
    // The sources no longer hold what moved.
    assertThat(s.lifecycle.hot().rows(new TimeSlice(Long.MIN_VALUE, end.hotFloor())))
        .as("rows left in DynamoDB below the hot floor").isEmpty();
    assertThat(s.lifecycle.warm().rows(new TimeSlice(Long.MIN_VALUE, end.warmFloor())))
        .as("rows left in the warm table below the warm floor").isEmpty();
    assertThat(s.coldRows(new TimeSlice(Long.MIN_VALUE, end.coldFloor())))
        .as("expired rows left on the cold prefix").isEmpty();
    // Every cold object is in the class the manifest records for its day, and that class is
    // the one its age calls for.
    List<S3ObjectInfo> cold = s.lifecycle.cold().objects(end.slice(Tier.COLD));
    assertThat(cold).isNotEmpty();
    for (S3ObjectInfo object : cold) {
      long dayStart = LifecyclePolicy.startOf(
          s.lifecycle.cold().layout().parse(object.key()).orElseThrow().day());
      ColdStorageRun run = end.coldRuns().stream()
          .filter(r -> r.slice().contains(Math.max(dayStart, end.coldFloor()))).findFirst()
          .orElseThrow(() -> new AssertionError("no run for " + object.key() + " in " + end));
      assertThat(object.storageClass().awsName()).as(object.key()).isEqualTo(run.storageClass());
      assertThat(run.storageClass()).as(object.key())
          .isEqualTo(policy.coldClass(dayStart + 86_400_000L, s.now).awsName());
    }
  }
}
