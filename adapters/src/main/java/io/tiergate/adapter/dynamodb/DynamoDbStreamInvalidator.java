package io.tiergate.adapter.dynamodb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Follows one hot table's DynamoDB stream and invalidates the cached items each record names,
 * whoever changed them (an application's PutItem, a migration, Tiergate). A poll reads every
 * open shard until it returns no more records; a shard that ends makes the next poll describe
 * the stream again and read its children from their start (DynamoDB writes to a child only
 * after closing the parent, so nothing is missed in between).
 *
 * <p>{@link #isFresh} tells the cache whether it may be served: only if a complete poll started
 * within the freshness window. When reading the stream fails, the consumer starts again at the
 * stream's end and the cache moves to a new epoch (records in between are lost to it), after
 * the new iterators exist, so every change after the epoch's first entry is seen.
 */
final class DynamoDbStreamInvalidator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DynamoDbStreamInvalidator.class);
  private static final int RECORDS_PER_READ = 1000;

  private final DynamoDbStreamsClient streams;
  private final DynamoDbTableLayout layout;
  private final RedisItemCache cache;
  private final String streamArn;
  private final Thread thread;
  /** Open shards and where to read them next; ended shards are in {@link #finished}. */
  private final Map<String, String> iterators = new LinkedHashMap<>();
  private final Set<String> finished = new HashSet<>();
  private volatile boolean closed;
  /** System.nanoTime() at which the last complete poll started; none yet: far in the past. */
  private volatile long lastPollStart = System.nanoTime() - Duration.ofDays(1).toNanos();

  private DynamoDbStreamInvalidator(DynamoDbStreamsClient streams, DynamoDbTableLayout layout,
      RedisItemCache cache, String streamArn) {
    this.streams = streams;
    this.layout = layout;
    this.cache = cache;
    this.streamArn = streamArn;
    this.thread = new Thread(this::run, "hot-cache-stream-" + layout.tableName());
    thread.setDaemon(true);
  }

  /** Positions at the end of the table's stream, then polls it on a thread of its own. */
  static DynamoDbStreamInvalidator start(DynamoDbClient dynamo, DynamoDbStreamsClient streams,
      DynamoDbTableLayout layout, RedisItemCache cache) {
    TableDescription table;
    try {
      table = dynamo.describeTable(b -> b.tableName(layout.tableName())).table();
    } catch (ResourceNotFoundException e) {
      throw new IllegalStateException("DynamoDB table '" + layout.tableName() + "' does not"
          + " exist, so its read-through cache cannot follow its stream: create it first (the"
          + " local stack's demo loader does)", e);
    }
    if (table.streamSpecification() == null
        || !Boolean.TRUE.equals(table.streamSpecification().streamEnabled())
        || table.latestStreamArn() == null) {
      throw new IllegalStateException("DynamoDB table '" + layout.tableName() + "' has no"
          + " stream: the read-through cache learns of changes from DynamoDB Streams. Enable a"
          + " stream on the table (KEYS_ONLY is enough) or set stores.dynamodb.cache.enabled:"
          + " false");
    }
    DynamoDbStreamInvalidator invalidator = new DynamoDbStreamInvalidator(streams, layout, cache,
        table.latestStreamArn());
    invalidator.positionAtEnd();
    invalidator.thread.start();
    return invalidator;
  }

  boolean isFresh() {
    return System.nanoTime() - lastPollStart
        <= cache.options().freshnessWindow().toNanos();
  }

  private void run() {
    Duration pause = cache.options().pollInterval();
    while (!closed) {
      try {
        if (iterators.isEmpty() && finished.isEmpty()) {
          positionAtEnd();
          cache.newEpoch("the stream of " + layout.tableName() + " was read again from its end");
        }
        long start = System.nanoTime();
        poll();
        lastPollStart = start;
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        LOG.warn("Reading the stream of DynamoDB table '{}' failed, starting again at its end"
            + " (its cached items are dropped): {}", layout.tableName(), e.getMessage());
        iterators.clear();
        finished.clear();
      }
      sleep(pause);
    }
  }

  /** Every open shard at its latest record; shards already closed need no reading. */
  private void positionAtEnd() {
    for (Shard shard : shards()) {
      if (shard.sequenceNumberRange().endingSequenceNumber() != null) {
        finished.add(shard.shardId());
      } else {
        iterators.put(shard.shardId(), iterator(shard.shardId(), ShardIteratorType.LATEST));
      }
    }
  }

  private void poll() {
    boolean shardEnded = false;
    for (Map.Entry<String, String> shard : List.copyOf(iterators.entrySet())) {
      String next = shard.getValue();
      while (next != null) {
        GetRecordsResponse response = read(next);
        invalidate(response);
        next = response.nextShardIterator();
        if (response.records().isEmpty()) {
          break; // read to its end for now
        }
      }
      if (next == null) {
        iterators.remove(shard.getKey());
        finished.add(shard.getKey());
        shardEnded = true;
      } else {
        iterators.put(shard.getKey(), next);
      }
    }
    if (shardEnded || iterators.isEmpty()) {
      boolean added = false;
      for (Shard shard : shards()) {
        if (!finished.contains(shard.shardId()) && !iterators.containsKey(shard.shardId())) {
          iterators.put(shard.shardId(),
              iterator(shard.shardId(), ShardIteratorType.TRIM_HORIZON));
          added = true;
        }
      }
      if (iterators.isEmpty()) {
        throw new IllegalStateException("the stream " + streamArn + " has no open shard");
      }
      if (added) {
        poll(); // the children's records count for this poll's freshness too
      }
    }
  }

  private GetRecordsResponse read(String iterator) {
    return streams.getRecords(b -> b.shardIterator(iterator).limit(RECORDS_PER_READ));
  }

  private void invalidate(GetRecordsResponse response) {
    if (response.records().isEmpty()) {
      return;
    }
    Set<String> keys = new HashSet<>();
    response.records().forEach(r -> keys.add(
        DynamoDbReadThroughCache.itemKey(layout, r.dynamodb().keys())));
    cache.invalidate(layout.tableName(), keys);
    LOG.debug("DynamoDB table '{}': {} changed items invalidated", layout.tableName(),
        keys.size());
  }

  private List<Shard> shards() {
    List<Shard> shards = new ArrayList<>();
    String after = null;
    do {
      String from = after;
      DescribeStreamResponse response = streams.describeStream(b -> b.streamArn(streamArn)
          .exclusiveStartShardId(from));
      StreamDescription description = response.streamDescription();
      shards.addAll(description.shards());
      after = description.lastEvaluatedShardId();
    } while (after != null);
    return shards;
  }

  private String iterator(String shardId, ShardIteratorType type) {
    return streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId)
        .shardIteratorType(type)).shardIterator();
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops polling; waits a little so the clients it uses are not closed under it. */
  @Override public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(2).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
