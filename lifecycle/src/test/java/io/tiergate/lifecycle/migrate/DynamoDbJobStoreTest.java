package io.tiergate.lifecycle.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiergate.adapter.dynamodb.DynamoDbManifestStore;
import io.tiergate.planner.manifest.TimeSlice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** Jobs in the control table on DynamoDB Local: finished ones expire, running ones never. */
@ExtendWith(LifecycleEngines.Extension.class)
class DynamoDbJobStoreTest {
  private static final long HOUR = 3_600_000L;

  @Test void finishedJobsLeaveTheListingAfterTheRetentionRunningOnesStay(
      LifecycleEngines engines) {
    String control = "lc_jobs_retention";
    new DynamoDbManifestStore(engines.dynamoClient(), control).createTableIfMissing();
    // A day ahead of the real clock, in whole seconds: DynamoDB Local really runs TTL, and
    // deletes an item whose expiry is already past in real time while the test still reads it.
    long t0 = (System.currentTimeMillis() / 1000 + 86_400) * 1000;
    TimeSlice slice = new TimeSlice(t0 - 48 * HOUR, t0 - 24 * HOUR);
    MigrationJob done = MigrationJob.start("ev", 1, Transition.HOT_TO_WARM, slice, null, t0, 1)
        .done(Step.DELETE, t0);
    MigrationJob failed = MigrationJob.start("ev", 2, Transition.HOT_TO_WARM, slice, null, t0, 1)
        .failed("verification failed", t0 + HOUR);
    MigrationJob running = MigrationJob.start("ev", 3, Transition.WARM_TO_COLD, slice, null,
        t0, 1);
    DynamoDbJobStore store = new DynamoDbJobStore(engines.dynamoClient(), control,
        Duration.ofHours(2), Clock.fixed(Instant.ofEpochMilli(t0), ZoneOffset.UTC));
    // Jobs are saved only under the table's lease, with its fencing token (1: the first take).
    store.acquire("ev", "gateway-1", t0, t0 + HOUR);
    store.save(done);
    store.save(failed);
    store.save(running);

    assertThat(store.all()).extracting(MigrationJob::sequence).containsExactly(3L, 2L, 1L);
    // DynamoDB's TTL format: epoch seconds, the last update plus the retention.
    Map<String, AttributeValue> item = engines.dynamoClient().getItem(b -> b.tableName(control)
        .key(Map.of("pk", AttributeValue.fromS("job#ev#000000000002"))).consistentRead(true))
        .item();
    assertThat(item.get(DynamoDbManifestStore.EXPIRES_AT).n())
        .isEqualTo(Long.toString((t0 + 3 * HOUR) / 1000));
    assertThat(engines.dynamoClient().describeTimeToLive(b -> b.tableName(control))
        .timeToLiveDescription()).satisfies(ttl -> {
          assertThat(ttl.attributeName()).isEqualTo(DynamoDbManifestStore.EXPIRES_AT);
          assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        });

    DynamoDbJobStore later = new DynamoDbJobStore(engines.dynamoClient(), control,
        Duration.ofHours(2), Clock.fixed(Instant.ofEpochMilli(t0 + 2 * HOUR + 1000),
            ZoneOffset.UTC));
    assertThat(later.all()).extracting(MigrationJob::sequence).containsExactly(3L, 2L);
    assertThat(later.unfinished("ev")).map(MigrationJob::sequence).contains(3L);

    DynamoDbJobStore muchLater = new DynamoDbJobStore(engines.dynamoClient(), control,
        Duration.ofHours(2), Clock.fixed(Instant.ofEpochMilli(t0 + 30 * 24 * HOUR),
            ZoneOffset.UTC));
    assertThat(muchLater.all()).extracting(MigrationJob::sequence).containsExactly(3L);
  }
}
