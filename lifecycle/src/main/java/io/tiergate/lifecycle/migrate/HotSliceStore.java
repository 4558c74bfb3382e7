package io.tiergate.lifecycle.migrate;

import io.tiergate.adapter.dynamodb.DynamoDbItemCodec;
import io.tiergate.adapter.dynamodb.DynamoDbTableLayout;
import io.tiergate.planner.manifest.TimeSlice;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A hot table's rows of a time slice, as a migration reads and deletes them in DynamoDB. The
 * read is a parallel Scan with the slice as a FilterExpression: it must also find late rows,
 * written straight to DynamoDB after their day moved, whatever their tenant, and a migration
 * runs rarely enough that reading the table once per run is the right price.
 */
public final class HotSliceStore {
  private static final Logger LOG = LoggerFactory.getLogger(HotSliceStore.class);
  private static final int SEGMENTS = 4;
  private static final int DELETE_BATCH = 25;
  private static final int DELETE_THREADS = 8;

  private final DynamoDbClient client;
  private final DynamoDbTableLayout layout;
  private final DynamoDbItemCodec codec;
  private final int[] allColumns;

  public HotSliceStore(DynamoDbClient client, DynamoDbTableLayout layout) {
    this.client = client;
    this.layout = layout;
    this.codec = new DynamoDbItemCodec(layout);
    this.allColumns = IntStream.range(0, layout.columns().size()).toArray();
  }

  public DynamoDbTableLayout layout() {
    return layout;
  }

  /** Every row whose time is in {@code slice}, strongly consistent. */
  public List<Object[]> rows(TimeSlice slice) {
    long started = System.nanoTime();
    List<Object[]> rows = Collections.synchronizedList(new ArrayList<>());
    IntStream.range(0, SEGMENTS).parallel().forEach(segment -> client.scanPaginator(b -> b
            .tableName(layout.tableName()).segment(segment).totalSegments(SEGMENTS)
            .consistentRead(true)
            .filterExpression("#t >= :from AND #t < :to")
            .expressionAttributeNames(Map.of("#t", layout.timeColumn()))
            .expressionAttributeValues(Map.of(
                ":from", AttributeValue.fromN(Long.toString(slice.fromInclusive())),
                ":to", AttributeValue.fromN(Long.toString(slice.toExclusive())))))
        .items().forEach(item -> rows.add(codec.toRow(item, allColumns))));
    LOG.info("Read {} rows of {} {} in {} ms", rows.size(), layout.tableName(), slice,
        (System.nanoTime() - started) / 1_000_000);
    return new ArrayList<>(rows);
  }

  /**
   * Deletes rows by key: BatchWriteItem requests of 25, {@value #DELETE_THREADS} at a time
   * (one at a time a table deletes far slower than it scans), unprocessed items retried with
   * backoff. Returns how many.
   *
   * @param beforeEachBatch run before each BatchWriteItem; throws to stop the batches not yet
   *     sent (a migration runner whose lease was taken over)
   */
  public int delete(List<Object[]> rows, Runnable beforeEachBatch) {
    List<WriteRequest> requests = rows.stream().map(row -> {
      Map<String, AttributeValue> item = codec.toItem(row);
      return WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(Map.of(
          layout.partitionKey(), item.get(layout.partitionKey()),
          DynamoDbTableLayout.SORT_KEY, item.get(DynamoDbTableLayout.SORT_KEY))).build()).build();
    }).toList();
    List<List<WriteRequest>> batches = new ArrayList<>();
    for (int i = 0; i < requests.size(); i += DELETE_BATCH) {
      batches.add(requests.subList(i, Math.min(requests.size(), i + DELETE_BATCH)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(DELETE_THREADS, r -> {
      Thread thread = new Thread(r, "migration-delete");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<?>> done = new ArrayList<>();
      for (List<WriteRequest> batch : batches) {
        done.add(pool.submit(() -> {
          beforeEachBatch.run();
          deleteBatch(batch);
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r
          : new IllegalStateException("Deleting moved rows from " + layout.tableName(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while deleting moved rows", e);
    } finally {
      pool.shutdownNow();
    }
    return requests.size();
  }

  private void deleteBatch(List<WriteRequest> batch) {
    Map<String, List<WriteRequest>> pending = Map.of(layout.tableName(), batch);
    for (int attempt = 0; !pending.isEmpty(); attempt++) {
      backoff(attempt);
      Map<String, List<WriteRequest>> request = pending;
      var response = client.batchWriteItem(b -> b.requestItems(request));
      pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
    }
  }

  private static void backoff(int attempt) {
    if (attempt == 0) {
      return;
    }
    try {
      Thread.sleep(Math.min(1_000, 25L << Math.min(attempt, 6)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while deleting moved rows", e);
    }
  }
}
