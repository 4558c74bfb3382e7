package io.tiergate.lifecycle.migrate;

import io.tiergate.adapter.dynamodb.DynamoDbManifestStore;
import io.tiergate.adapter.dynamodb.TransactionCancellation;
import io.tiergate.planner.manifest.TierManifest;
import io.tiergate.planner.manifest.TimeSlice;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Jobs and leases as items of the DynamoDB control table the manifests live in: {@code
 * job#<table>#<n>} per job, {@code jobseq#<table>} a counter, {@code lease#<table>} the runner
 * lease, taken with a conditional write so two gateways cannot both hold it. The lease item keeps
 * its {@code token} (the fencing token, ADDed on each take) when released, so it only grows. A
 * job save and the FLIP are transactions of a condition on the lease's token with the write (the
 * manifest's keeps its own version condition); a job item records the token it was saved under.
 *
 * <p>A finished job carries {@value DynamoDbManifestStore#EXPIRES_AT} (epoch seconds, DynamoDB's
 * TTL format): the control table's TTL deletes it after the retention, so the scans of jobs stay
 * small; until DynamoDB gets to it (it may take days, and DynamoDB Local never does), reads leave
 * it out.
 */
public final class DynamoDbJobStore implements JobStore {
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
  private static final String PK = "pk";
  private static final String OWNER = "owner";
  private static final String UNTIL = "until";
  /** The fencing token: on the lease item the last one taken, on a job item its runner's. */
  private static final String TOKEN = "token";

  private final DynamoDbClient client;
  private final String controlTable;
  private final Duration retention;
  private final Clock clock;
  /** The manifests of the same control table, for the FLIP guarded by the lease. */
  private final DynamoDbManifestStore manifests;

  /** @param retention how long a done or failed job is kept */
  public DynamoDbJobStore(DynamoDbClient client, String controlTable, Duration retention,
      Clock clock) {
    this.client = client;
    this.controlTable = controlTable;
    this.retention = retention;
    this.clock = clock;
    this.manifests = new DynamoDbManifestStore(client, controlTable);
  }

  public DynamoDbJobStore(DynamoDbClient client, String controlTable) {
    this(client, controlTable, DEFAULT_RETENTION, Clock.systemUTC());
  }

  @Override public long nextSequence(String table) {
    var response = client.updateItem(b -> b.tableName(controlTable)
        .key(Map.of(PK, s("jobseq#" + table)))
        .updateExpression("ADD #n :one")
        .expressionAttributeNames(Map.of("#n", "n"))
        .expressionAttributeValues(Map.of(":one", n(1)))
        .returnValues(ReturnValue.UPDATED_NEW));
    return Long.parseLong(response.attributes().get("n").n());
  }

  @Override public void save(MigrationJob job) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PK, s(String.format("job#%s#%012d", job.table(), job.sequence())));
    item.put("table_name", s(job.table()));
    item.put("sequence", n(job.sequence()));
    item.put("transition", s(job.transition().name()));
    item.put("slice_from", n(job.slice().fromInclusive()));
    item.put("slice_to", n(job.slice().toExclusive()));
    if (job.storageClass() != null) {
      item.put("storage_class", s(job.storageClass()));
    }
    item.put("state", s(job.state().name()));
    if (job.lastDone() != null) {
      item.put("last_done", s(job.lastDone().name()));
    }
    item.put("source_rows", n(job.source().rows()));
    item.put("source_sum", n(job.source().sum()));
    item.put("rows_done", n(job.rowsDone()));
    item.put("rows_total", n(job.rowsTotal()));
    item.put("flipped_version", n(job.flippedVersion()));
    if (job.error() != null) {
      item.put("error", s(job.error()));
    }
    item.put("created", n(job.createdMillis()));
    item.put("updated", n(job.updatedMillis()));
    item.put(TOKEN, n(job.fencingToken()));
    if (job.state() == MigrationJob.State.DONE || job.state() == MigrationJob.State.FAILED) {
      item.put(DynamoDbManifestStore.EXPIRES_AT,
          n((job.updatedMillis() + retention.toMillis()) / 1000));
    }
    try {
      // Conditional on the lease, not on the job's stored token: a lease item deleted by hand
      // (or by a version before fencing) starts the tokens again from 1.
      client.transactWriteItems(b -> b.transactItems(
          TransactWriteItem.builder().conditionCheck(
              heldWith(job.table(), job.fencingToken())).build(),
          TransactWriteItem.builder().put(Put.builder().tableName(controlTable).item(item)
              .build()).build()));
    } catch (TransactionCanceledException e) {
      if (TransactionCancellation.conditionFailed(e, 0)) {
        throw new LeaseLostException(job.fencingToken(), current(job.table()));
      }
      throw e;
    }
  }

  @Override public Optional<MigrationJob> unfinished(String table) {
    return all().stream().filter(j -> j.table().equals(table))
        .filter(j -> j.state() == MigrationJob.State.RUNNING).findFirst();
  }

  @Override public List<MigrationJob> all() {
    // A scan: jobs are few (one per run and transition) and listed rarely.
    long now = clock.millis() / 1000;
    return client.scanPaginator(b -> b.tableName(controlTable).consistentRead(true)).items()
        .stream().filter(item -> item.get(PK).s().startsWith("job#"))
        .filter(item -> !item.containsKey(DynamoDbManifestStore.EXPIRES_AT)
            || num(item, DynamoDbManifestStore.EXPIRES_AT) > now)
        .map(DynamoDbJobStore::job)
        .sorted(Comparator.comparingLong(MigrationJob::createdMillis)
            .thenComparingLong(MigrationJob::sequence).reversed())
        .toList();
  }

  @Override public Lease acquire(String table, String owner, long nowMillis, long untilMillis) {
    try {
      var taken = client.updateItem(b -> b.tableName(controlTable)
          .key(Map.of(PK, s(leaseKey(table))))
          .updateExpression("SET #owner = :me, #until = :until ADD #token :one")
          .conditionExpression("attribute_not_exists(#pk) OR #until < :now")
          .expressionAttributeNames(Map.of("#pk", PK, "#owner", OWNER, "#until", UNTIL,
              "#token", TOKEN))
          .expressionAttributeValues(Map.of(":me", s(owner), ":until", n(untilMillis),
              ":now", n(nowMillis), ":one", n(1)))
          .returnValues(ReturnValue.ALL_NEW));
      return lease(table, taken.attributes());
    } catch (ConditionalCheckFailedException held) {
      throw new LeaseHeldException(current(table));
    }
  }

  @Override public Lease renew(Lease held, long untilMillis) {
    try {
      setUntil(held, untilMillis);
      return new Lease(held.table(), held.owner(), untilMillis, held.token());
    } catch (ConditionalCheckFailedException takenOver) {
      throw new LeaseLostException(held.token(), current(held.table()));
    }
  }

  @Override public void flip(TierManifest next, Lease held) {
    try {
      manifests.write(next, heldWith(held.table(), held.token()));
    } catch (DynamoDbManifestStore.GuardFailedException takenOver) {
      throw new LeaseLostException(held.token(), current(held.table()));
    }
  }

  @Override public void release(Lease held) {
    try {
      // Expired now rather than deleted: the item keeps the token, which must only grow.
      setUntil(held, 0);
    } catch (ConditionalCheckFailedException notOurs) {
      // Expired and taken over: the new holder's lease stays.
    }
  }

  /** Moves the lease's expiry if it still carries {@code held}'s token. */
  private void setUntil(Lease held, long untilMillis) {
    client.updateItem(b -> b.tableName(controlTable)
        .key(Map.of(PK, s(leaseKey(held.table()))))
        .updateExpression("SET #until = :until")
        .conditionExpression("#token = :mine")
        .expressionAttributeNames(Map.of("#until", UNTIL, "#token", TOKEN))
        .expressionAttributeValues(Map.of(":until", n(untilMillis), ":mine", n(held.token()))));
  }

  /** The condition that the table's lease still carries {@code token}. */
  private ConditionCheck heldWith(String table, long token) {
    return ConditionCheck.builder().tableName(controlTable)
        .key(Map.of(PK, s(leaseKey(table))))
        .conditionExpression("#token = :mine")
        .expressionAttributeNames(Map.of("#token", TOKEN))
        .expressionAttributeValues(Map.of(":mine", n(token))).build();
  }

  /** The lease as stored now; token 0 and nobody when it was never taken. */
  private Lease current(String table) {
    var item = client.getItem(b -> b.tableName(controlTable)
        .key(Map.of(PK, s(leaseKey(table)))).consistentRead(true)).item();
    return lease(table, item);
  }

  private static Lease lease(String table, Map<String, AttributeValue> item) {
    if (item == null || !item.containsKey(OWNER)) {
      return new Lease(table, "nobody", 0, 0);
    }
    // A lease written before fencing tokens has none: 0, below every token taken since.
    return new Lease(table, item.get(OWNER).s(), num(item, UNTIL),
        item.containsKey(TOKEN) ? num(item, TOKEN) : 0);
  }

  private static MigrationJob job(Map<String, AttributeValue> item) {
    return new MigrationJob(item.get("table_name").s(), num(item, "sequence"),
        Transition.valueOf(item.get("transition").s()),
        new TimeSlice(num(item, "slice_from"), num(item, "slice_to")),
        item.containsKey("storage_class") ? item.get("storage_class").s() : null,
        MigrationJob.State.valueOf(item.get("state").s()),
        item.containsKey("last_done") ? Step.valueOf(item.get("last_done").s()) : null,
        new RowChecksum(num(item, "source_rows"), num(item, "source_sum")),
        num(item, "rows_done"), num(item, "rows_total"), num(item, "flipped_version"),
        item.containsKey("error") ? item.get("error").s() : null,
        num(item, "created"), num(item, "updated"),
        item.containsKey(TOKEN) ? num(item, TOKEN) : 0);
  }

  private static String leaseKey(String table) {
    return "lease#" + table;
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  private static long num(Map<String, AttributeValue> item, String name) {
    return Long.parseLong(item.get(name).n());
  }
}
