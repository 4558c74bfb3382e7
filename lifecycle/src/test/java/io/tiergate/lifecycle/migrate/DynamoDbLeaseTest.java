package io.tiergate.lifecycle.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiergate.adapter.dynamodb.DynamoDbManifestStore;
import io.tiergate.planner.manifest.ManifestStore;
import io.tiergate.planner.manifest.TierManifest;
import io.tiergate.planner.manifest.TimeSlice;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The runner lease and its fencing token in the control table on DynamoDB Local: the token only
 * grows, and every write of a runner taken over is refused, naming both tokens.
 */
@ExtendWith(LifecycleEngines.Extension.class)
class DynamoDbLeaseTest {
  private static final String CONTROL = "lc_leases";
  private static final long T0 = 1_700_000_000_000L;
  private static final long LEASE = 60_000;

  private static DynamoDbJobStore store(LifecycleEngines engines) {
    new DynamoDbManifestStore(engines.dynamoClient(), CONTROL).createTableIfMissing();
    return new DynamoDbJobStore(engines.dynamoClient(), CONTROL);
  }

  @Test void theTokenGrowsWithEveryTakeAndSurvivesARelease(LifecycleEngines engines) {
    DynamoDbJobStore jobs = store(engines);
    JobStore.Lease first = jobs.acquire("grow", "gateway-1", T0, T0 + LEASE);
    jobs.release(first);
    JobStore.Lease second = jobs.acquire("grow", "gateway-1", T0 + 1, T0 + 1 + LEASE);
    JobStore.Lease renewed = jobs.renew(second, T0 + 2 * LEASE);

    assertThat(first.token()).isEqualTo(1);
    assertThat(second.token()).isEqualTo(2);
    assertThat(renewed).isEqualTo(new JobStore.Lease("grow", "gateway-1", T0 + 2 * LEASE, 2));
  }

  @Test void aLiveLeaseIsRefusedEvenToItsOwnOwnerWithTheHolderAndUntilWhen(
      LifecycleEngines engines) {
    DynamoDbJobStore jobs = store(engines);
    jobs.acquire("live", "gateway-1", T0, T0 + LEASE);

    // Two runs of one gateway are two runners: the second must not share the first's token.
    assertThatThrownBy(() -> jobs.acquire("live", "gateway-1", T0 + 10, T0 + 10 + LEASE))
        .isInstanceOfSatisfying(JobStore.LeaseHeldException.class, e -> assertThat(e.holder())
            .isEqualTo(new JobStore.Lease("live", "gateway-1", T0 + LEASE, 1)))
        .hasMessage("The lease of table 'live' is held by gateway-1 until "
            + "2023-11-14T22:14:20Z (fencing token 1)");
  }

  @Test void aRunnerTakenOverCanNeitherRenewNorSaveNorFlip(LifecycleEngines engines) {
    DynamoDbJobStore jobs = store(engines);
    DynamoDbManifestStore manifests = new DynamoDbManifestStore(engines.dynamoClient(), CONTROL);
    TierManifest v1 = new TierManifest("stale", 1, T0 - 3000, T0 - 2000, T0 - 1000, List.of());
    manifests.write(v1);
    JobStore.Lease paused = jobs.acquire("stale", "gateway-1", T0, T0 + LEASE);
    MigrationJob job = MigrationJob.start("stale", 1, Transition.HOT_TO_WARM,
        new TimeSlice(T0 - 1000, T0 - 500), null, T0, paused.token());
    jobs.save(job);
    // gateway-1 pauses past its lease; gateway-2 takes the table and takes the job on.
    JobStore.Lease taker = jobs.acquire("stale", "gateway-2", T0 + LEASE + 1, T0 + 2 * LEASE);
    jobs.save(job.runUnder(taker.token()).done(Step.COPY, T0 + LEASE + 2));
    TierManifest v2 = v1.withFloors(v1.coldFloor(), v1.warmFloor(), T0 - 500);
    String lost = "the lease of table 'stale' was taken over by runner gateway-2 with fencing "
        + "token 2 while this runner held token 1";

    assertThatThrownBy(() -> jobs.renew(paused, T0 + 3 * LEASE)).hasMessage(lost);
    assertThatThrownBy(() -> jobs.save(job.done(Step.COPY, T0 + LEASE + 3))).hasMessage(lost);
    assertThatThrownBy(() -> jobs.flip(v2, paused)).hasMessage(lost);
    assertThat(manifests.current("stale")).isEqualTo(v1);
    assertThat(jobs.unfinished("stale")).hasValueSatisfying(j -> {
      assertThat(j.fencingToken()).isEqualTo(2);
      assertThat(j.lastDone()).isEqualTo(Step.COPY);
    });
    // Its release leaves the new holder's lease alone.
    jobs.release(paused);
    assertThatThrownBy(() -> jobs.acquire("stale", "gateway-3", T0 + LEASE + 5, T0 + 3 * LEASE))
        .hasMessageContaining("held by gateway-2");

    jobs.flip(v2, taker);
    assertThat(manifests.current("stale")).isEqualTo(v2);
    // The holder's flip still loses to another manifest writer as before.
    assertThatThrownBy(() -> jobs.flip(v2, taker))
        .isInstanceOf(ManifestStore.ManifestConflictException.class);
  }
}
