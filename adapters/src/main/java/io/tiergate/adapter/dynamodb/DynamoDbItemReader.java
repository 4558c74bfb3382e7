package io.tiergate.adapter.dynamodb;

import io.tiergate.adapter.dynamodb.DynamoDbAccessPath.BatchGetItem;
import io.tiergate.adapter.dynamodb.DynamoDbAccessPath.DayIndexQuery;
import io.tiergate.adapter.dynamodb.DynamoDbAccessPath.GetItem;
import io.tiergate.adapter.dynamodb.DynamoDbAccessPath.ParallelScan;
import io.tiergate.adapter.dynamodb.DynamoDbAccessPath.PartitionQuery;
import io.tiergate.adapter.dynamodb.DynamoDbAccessPath.SortKeyRange;
import io.tiergate.planner.exec.ExecutionScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Sends the requests of an access path and streams the items they return: page by page, never
 * the whole result in memory. A parallel Scan reads its segments on threads of its own into a
 * bounded buffer; {@link Items#close} stops them.
 */
final class DynamoDbItemReader {
  private static final Logger LOG = LoggerFactory.getLogger(DynamoDbItemReader.class);
  /** BatchGetItem rounds for unprocessed keys before the read fails. */
  static final int MAX_BATCH_ROUNDS = 8;
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
  private static final int SCAN_BUFFER = 1_000;

  /** Items one at a time; close stops any request still running. */
  interface Items extends Iterator<Map<String, AttributeValue>>, AutoCloseable {
    @Override void close();
  }

  private final DynamoDbClient client;
  private final DynamoDbTableLayout layout;

  DynamoDbItemReader(DynamoDbClient client, DynamoDbTableLayout layout) {
    this.client = client;
    this.layout = layout;
  }

  Items read(DynamoDbAccessPath path, DynamoDbRequests requests,
      DynamoDbKeyCondition condition) {
    if (path instanceof GetItem g) {
      return of(() -> {
        Map<String, AttributeValue> item = client.getItem(requests.getItem(g.key())).item();
        return item == null || item.isEmpty() ? Collections.emptyIterator()
            : List.of(item).iterator();
      });
    }
    if (path instanceof BatchGetItem b) {
      List<Supplier<Iterator<Map<String, AttributeValue>>>> batches = new ArrayList<>();
      for (BatchGetItemRequest request : requests.batchGetItem(b.keys())) {
        batches.add(() -> batch(request).iterator());
      }
      return concat(batches);
    }
    if (path instanceof PartitionQuery q) {
      return concat(q.partitionValues().stream()
          .<Supplier<Iterator<Map<String, AttributeValue>>>>map(v -> () -> client.queryPaginator(
              requests.partitionQuery(v, q.range())).items().iterator())
          .toList());
    }
    if (path instanceof DayIndexQuery d) {
      return concat(d.days().stream()
          .<Supplier<Iterator<Map<String, AttributeValue>>>>map(day -> () -> client
              .queryPaginator(requests.dayQuery(day)).items().iterator())
          .toList());
    }
    if (path instanceof ParallelScan s) {
      return new ParallelScanItems(requests, new SortKeyRange(condition.sortKeyFrom(),
          condition.sortKeyTo()), s.segments());
    }
    return of(Collections::emptyIterator);
  }

  /**
   * Whole items by key, read consistently (the cache keeps what it reads, so a read must not
   * return a value older than the last write acknowledged), in batches of
   * {@value DynamoDbRequests#BATCH_SIZE}. Missing items are not in the result.
   */
  List<Map<String, AttributeValue>> wholeItems(List<Map<String, AttributeValue>> keys) {
    if (keys.size() == 1) {
      Map<String, AttributeValue> item = client.getItem(b -> b.tableName(layout.tableName())
          .key(keys.get(0)).consistentRead(true)).item();
      return item == null || item.isEmpty() ? List.of() : List.of(item);
    }
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < keys.size(); i += DynamoDbRequests.BATCH_SIZE) {
      items.addAll(batch(BatchGetItemRequest.builder().requestItems(Map.of(layout.tableName(),
          KeysAndAttributes.builder().keys(keys.subList(i, Math.min(keys.size(),
              i + DynamoDbRequests.BATCH_SIZE))).consistentRead(true).build())).build()));
    }
    return items;
  }

  /** Items from a list already read, as the other paths stream theirs. */
  static Items of(List<Map<String, AttributeValue>> items) {
    return of(items::iterator);
  }

  /**
   * One BatchGetItem request, with its unprocessed keys (throttling, the 16 MB response limit)
   * sent again after an exponential backoff until none are left.
   */
  private List<Map<String, AttributeValue>> batch(BatchGetItemRequest request) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    BatchGetItemRequest next = request;
    Duration backoff = FIRST_BACKOFF;
    for (int round = 1; ; round++) {
      BatchGetItemResponse response = client.batchGetItem(next);
      items.addAll(response.responses().getOrDefault(layout.tableName(), List.of()));
      Map<String, KeysAndAttributes> unprocessed = response.unprocessedKeys();
      if (unprocessed == null || unprocessed.isEmpty()) {
        return items;
      }
      int left = unprocessed.values().stream().mapToInt(k -> k.keys().size()).sum();
      if (round == MAX_BATCH_ROUNDS) {
        throw new IllegalStateException("DynamoDB table '" + layout.tableName() + "': "
            + left + " keys still unprocessed by BatchGetItem after " + round + " rounds");
      }
      LOG.debug("DynamoDB table '{}': {} unprocessed keys, retrying in {}", layout.tableName(),
          left, backoff);
      sleep(backoff);
      backoff = backoff.multipliedBy(2);
      next = request.toBuilder().requestItems(unprocessed).build();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to retry a DynamoDB read", e);
    }
  }

  private static Items of(Supplier<Iterator<Map<String, AttributeValue>>> source) {
    return concat(List.of(source));
  }

  /** The items of each source in turn; a source sends its requests when it is reached. */
  private static Items concat(List<Supplier<Iterator<Map<String, AttributeValue>>>> sources) {
    return new Items() {
      private int next;
      private Iterator<Map<String, AttributeValue>> current = Collections.emptyIterator();

      @Override public boolean hasNext() {
        while (!current.hasNext()) {
          if (next == sources.size()) {
            return false;
          }
          current = sources.get(next++).get();
        }
        return true;
      }

      @Override public Map<String, AttributeValue> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }

      @Override public void close() {
        next = sources.size();
        current = Collections.emptyIterator();
      }
    };
  }

  /**
   * The segments of a Scan, each read page by page on its own thread into one bounded buffer.
   * A full buffer makes the readers wait, so memory stays bounded whatever the table's size.
   */
  private final class ParallelScanItems implements Items {
    private static final Object END = new Object();

    private final BlockingQueue<Object> buffer = new ArrayBlockingQueue<>(SCAN_BUFFER);
    private final List<Thread> readers = new ArrayList<>();
    private final AtomicInteger running;
    private volatile boolean closed;
    private Object head;

    ParallelScanItems(DynamoDbRequests requests, SortKeyRange range, int segments) {
      running = new AtomicInteger(segments);
      for (int segment = 0; segment < segments; segment++) {
        int s = segment;
        Thread reader = new Thread(ExecutionScope.propagating(
            () -> readSegment(requests, range, s, segments)),
            "dynamodb-scan-" + layout.tableName() + "-" + s + "/" + segments);
        reader.setDaemon(true);
        readers.add(reader);
      }
      readers.forEach(Thread::start);
    }

    private void readSegment(DynamoDbRequests requests, SortKeyRange range, int segment,
        int segments) {
      try {
        for (Map<String, AttributeValue> item : client.scanPaginator(
            requests.scan(range, Optional.of(segment), segments)).items()) {
          if (closed) {
            return;
          }
          buffer.put(item);
        }
        if (running.decrementAndGet() == 0) {
          buffer.put(END);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        if (!closed) {
          // The reader fails the scan: the consumer sees the error, not a short result.
          try {
            buffer.put(new SegmentFailure(segment, e));
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
          }
        }
      }
    }

    @Override public boolean hasNext() {
      if (head == null) {
        try {
          head = buffer.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          close();
          throw new IllegalStateException("interrupted while scanning DynamoDB table '"
              + layout.tableName() + "'", e);
        }
      }
      if (head instanceof SegmentFailure failure) {
        close();
        head = END;
        throw new IllegalStateException("DynamoDB table '" + layout.tableName()
            + "': scan segment " + failure.segment() + " failed: " + failure.cause().getMessage(),
            failure.cause());
      }
      return head != END;
    }

    @SuppressWarnings("unchecked")
    @Override public Map<String, AttributeValue> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Map<String, AttributeValue> item = (Map<String, AttributeValue>) head;
      head = null;
      return item;
    }

    @Override public void close() {
      if (closed) {
        return;
      }
      closed = true;
      readers.forEach(Thread::interrupt);
      buffer.clear();
    }
  }

  private record SegmentFailure(int segment, RuntimeException cause) {
  }
}
