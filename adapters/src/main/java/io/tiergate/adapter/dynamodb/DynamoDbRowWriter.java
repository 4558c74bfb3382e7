package io.tiergate.adapter.dynamodb;

import io.tiergate.adapter.StoreUnavailableException;
import io.tiergate.planner.QueryRefusedException;
import io.tiergate.planner.catalog.HotRowWriter;
import io.tiergate.planner.manifest.SqlTimestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@code INSERT} into the hot DynamoDB table: TransactWriteItems of up to 100 puts, each
 * conditional on the key not existing yet, so a duplicate key fails its whole batch instead
 * of overwriting a row (a plain PutItem would). Rows beyond the first 100 are further
 * transactions: an insert of more rows is atomic per 100.
 */
public final class DynamoDbRowWriter implements HotRowWriter {
  /** DynamoDB's limit of actions per transaction. */
  static final int MAX_TRANSACTION = 100;

  private final DynamoDbClient client;
  private final DynamoDbTableLayout layout;
  private final DynamoDbItemCodec codec;
  private final @Nullable DynamoDbReadThroughCache cache;

  public DynamoDbRowWriter(DynamoDbClient client, DynamoDbTableLayout layout) {
    this(client, layout, null);
  }

  /** @param cache invalidated for each row written, before the insert returns; null for none */
  public DynamoDbRowWriter(DynamoDbClient client, DynamoDbTableLayout layout,
      @Nullable DynamoDbReadThroughCache cache) {
    this.cache = cache;
    this.client = client;
    this.layout = layout;
    this.codec = new DynamoDbItemCodec(layout);
  }

  @Override public long insert(List<Object[]> rows) {
    long written = 0;
    for (int from = 0; from < rows.size(); from += MAX_TRANSACTION) {
      List<Object[]> batch = rows.subList(from, Math.min(rows.size(), from + MAX_TRANSACTION));
      write(batch, written);
      written += batch.size();
    }
    return written;
  }

  private void write(List<Object[]> batch, long alreadyWritten) {
    List<TransactWriteItem> puts = new ArrayList<>();
    List<Map<String, AttributeValue>> items = batch.stream().map(codec::toItem).toList();
    for (Map<String, AttributeValue> item : items) {
      puts.add(TransactWriteItem.builder().put(Put.builder()
          .tableName(layout.tableName())
          .item(item)
          .conditionExpression("attribute_not_exists(#pk)")
          .expressionAttributeNames(Map.of("#pk", layout.partitionKey()))
          .build()).build());
    }
    try {
      client.transactWriteItems(b -> b.transactItems(puts));
      if (cache != null) {
        // The stream would invalidate too, within the bound; the writer's own reads must not
        // wait for it. Absences cached for these keys are what this replaces.
        cache.invalidate(items);
      }
    } catch (TransactionCanceledException e) {
      List<String> existing = new ArrayList<>();
      List<CancellationReason> reasons = e.cancellationReasons();
      for (int i = 0; i < reasons.size() && i < batch.size(); i++) {
        if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
          existing.add(describeKey(batch.get(i)));
        }
      }
      if (!existing.isEmpty()) {
        throw new QueryRefusedException(QueryRefusedException.UNIQUE_VIOLATION,
            "INSERT INTO " + layout.tableName() + ": a row with "
            + "the key " + String.join(", ", existing) + " already exists. "
            + (alreadyWritten == 0 ? "Nothing was written"
                : alreadyWritten + " rows before this batch of " + batch.size() + " were written"));
      }
      throw new StoreUnavailableException("DynamoDB refused the insert into "
          + layout.tableName() + ": " + reasons, e);
    } catch (SdkException e) {
      throw new StoreUnavailableException("Writing " + batch.size() + " rows to DynamoDB table "
          + layout.tableName() + " failed: " + e.getMessage()
          + (alreadyWritten == 0 ? "" : " (" + alreadyWritten + " rows before were written)"), e);
    }
  }

  private String describeKey(Object[] row) {
    StringBuilder key = new StringBuilder("(");
    for (String column : layout.keyColumns()) {
      key.append(column).append("='").append(row[layout.columnIndex(column)]).append("', ");
    }
    return key.append(layout.timeColumn()).append('=').append(SqlTimestamp.format(
        (Long) row[layout.columnIndex(layout.timeColumn())])).append(')').toString();
  }
}
