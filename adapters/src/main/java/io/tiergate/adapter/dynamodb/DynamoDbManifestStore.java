package io.tiergate.adapter.dynamodb;

import io.tiergate.planner.manifest.ColdStorageRun;
import io.tiergate.planner.manifest.ManifestStore;
import io.tiergate.planner.manifest.TierManifest;
import io.tiergate.planner.manifest.TimeSlice;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Manifests in the DynamoDB control table, one item per tiered table. Writes are conditional on
 * the version, so of two gateways flipping at once exactly one wins.
 */
public final class DynamoDbManifestStore implements ManifestStore {
  /** The control table's TTL attribute (epoch seconds). */
  public static final String EXPIRES_AT = "expires_at";
  private static final String PK = "pk";

  private final DynamoDbClient client;
  private final String controlTable;

  public DynamoDbManifestStore(DynamoDbClient client, String controlTable) {
    this.client = client;
    this.controlTable = controlTable;
  }

  /**
   * Creates the control table when missing (on-demand billing, as ADR-002 asks), with TTL on
   * {@value #EXPIRES_AT}.
   */
  public void createTableIfMissing() {
    try {
      client.createTable(b -> b.tableName(controlTable)
          .billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(AttributeDefinition.builder().attributeName(PK)
              .attributeType(ScalarAttributeType.S).build())
          .keySchema(KeySchemaElement.builder().attributeName(PK).keyType(KeyType.HASH).build()));
      client.waiter().waitUntilTableExists(b -> b.tableName(controlTable));
      // Items that carry it (finished migration jobs) are deleted by DynamoDB once it passed.
      client.updateTimeToLive(b -> b.tableName(controlTable).timeToLiveSpecification(t -> t
          .attributeName(EXPIRES_AT).enabled(true)));
    } catch (ResourceInUseException alreadyThere) {
      // Another gateway created it first: fine.
    }
  }

  @Override public TierManifest current(String table) {
    GetItemResponse response = client.getItem(b -> b.tableName(controlTable)
        .key(Map.of(PK, s(key(table)))).consistentRead(true));
    if (!response.hasItem() || response.item().isEmpty()) {
      throw new UnknownTableException(table);
    }
    Map<String, AttributeValue> item = response.item();
    return new TierManifest(table, n(item, "version"), n(item, "cold_floor"),
        n(item, "warm_floor"), n(item, "hot_floor"), coldRuns(item.get("cold_runs")));
  }

  @Override public void write(TierManifest next) {
    Put put = put(next);
    PutItemRequest.Builder request = PutItemRequest.builder().tableName(put.tableName())
        .item(put.item()).conditionExpression(put.conditionExpression())
        .expressionAttributeNames(put.expressionAttributeNames());
    if (put.hasExpressionAttributeValues()) {
      request.expressionAttributeValues(put.expressionAttributeValues());
    }
    try {
      client.putItem(request.build());
    } catch (ConditionalCheckFailedException e) {
      throw new ManifestConflictException(next.table(), next.version() - 1);
    }
  }

  /**
   * Writes {@code next} as {@link #write} does, in one transaction with {@code guard}: the
   * manifest changes only if the guard's condition holds at that moment (a migration runner's
   * lease still carrying its fencing token), so a check and the write cannot be separated by a
   * takeover.
   *
   * @throws GuardFailedException when the guard's condition does not hold (whatever the version)
   * @throws ManifestConflictException when the guard holds but another writer got there first
   */
  public void write(TierManifest next, ConditionCheck guard) {
    try {
      client.transactWriteItems(b -> b.transactItems(
          TransactWriteItem.builder().conditionCheck(guard).build(),
          TransactWriteItem.builder().put(put(next)).build()));
    } catch (TransactionCanceledException e) {
      if (TransactionCancellation.conditionFailed(e, 0)) {
        throw new GuardFailedException(next.table(), e);
      }
      if (TransactionCancellation.conditionFailed(e, 1)) {
        throw new ManifestConflictException(next.table(), next.version() - 1);
      }
      throw e;
    }
  }

  /** Thrown when the condition a guarded manifest write was made on no longer holds. */
  public static final class GuardFailedException extends RuntimeException {
    public GuardFailedException(String table, Throwable cause) {
      super("The manifest of table '" + table + "' was not written: its guard no longer holds",
          cause);
    }
  }

  /** The put of {@code next}, conditional on the stored version being the one before it. */
  private Put put(TierManifest next) {
    Put.Builder put = Put.builder().tableName(controlTable)
        .item(Map.of(PK, s(key(next.table())),
            "version", n(next.version()),
            "cold_floor", n(next.coldFloor()),
            "warm_floor", n(next.warmFloor()),
            "hot_floor", n(next.hotFloor()),
            "cold_runs", AttributeValue.fromL(next.coldRuns().stream()
                .map(DynamoDbManifestStore::coldRun).toList())));
    if (next.version() == 1) {
      put.conditionExpression("attribute_not_exists(#pk)")
          .expressionAttributeNames(Map.of("#pk", PK));
    } else {
      put.conditionExpression("#v = :expected")
          .expressionAttributeNames(Map.of("#v", "version"))
          .expressionAttributeValues(Map.of(":expected", n(next.version() - 1)));
    }
    return put.build();
  }

  /** Every manifest item, for listings (system tables). */
  public List<String> tables() {
    return client.scanPaginator(b -> b.tableName(controlTable)).items().stream()
        .map(item -> item.get(PK).s())
        .filter(k -> k.startsWith("manifest#"))
        .map(k -> k.substring("manifest#".length()))
        .toList();
  }

  /** A run as a map, so a manifest stays one item (a few runs, far below 400 KB). */
  private static AttributeValue coldRun(ColdStorageRun run) {
    return AttributeValue.fromM(Map.of(
        "from", n(run.slice().fromInclusive()),
        "to", n(run.slice().toExclusive()),
        "class", s(run.storageClass()),
        "needs_restore", AttributeValue.fromBool(run.needsRestore()),
        "restored_until", n(run.restoredUntil())));
  }

  private static List<ColdStorageRun> coldRuns(AttributeValue runs) {
    if (runs == null || !runs.hasL()) {
      return List.of(); // written before runs were recorded: every partition readable
    }
    return runs.l().stream().map(AttributeValue::m).map(m -> new ColdStorageRun(
        new TimeSlice(n(m, "from"), n(m, "to")), m.get("class").s(),
        m.get("needs_restore").bool(), n(m, "restored_until"))).toList();
  }

  private static String key(String table) {
    return "manifest#" + table;
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  private static long n(Map<String, AttributeValue> item, String name) {
    return Long.parseLong(item.get(name).n());
  }
}
