package io.tiergate.server.differential;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tiergate.adapter.StoreRequests;
import io.tiergate.adapter.dynamodb.DynamoDbClientFactory;
import io.tiergate.adapter.dynamodb.DynamoDbItemCodec;
import io.tiergate.adapter.dynamodb.DynamoDbTableLayout;
import io.tiergate.adapter.s3.DayPartitionLayout;
import io.tiergate.adapter.s3.ParquetSchema;
import io.tiergate.adapter.s3.S3ClientFactory;
import io.tiergate.adapter.s3.S3ClientSettings;
import io.tiergate.adapter.s3.S3Location;
import io.tiergate.adapter.s3.S3ObjectStore;
import io.tiergate.adapter.s3.S3StorageClass;
import io.tiergate.local.LocalStack;
import io.tiergate.local.demo.DemoDataset;
import io.tiergate.local.demo.DemoLoader;
import io.tiergate.local.demo.DemoPlacement;
import io.tiergate.planner.manifest.Tier;
import io.tiergate.planner.manifest.TierManifest;
import io.tiergate.server.TestGateway;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Rows exactly on the slice edges, which the generated dataset (random milliseconds) does not
 * have: at each floor, one millisecond before it and one after, each in the store of the tier
 * that owns it and in the reference. Some also leave a copy in the neighbouring tier's store, as
 * a migration does between its steps (after COPY and before FLIP the target has it too; after
 * FLIP and before DELETE the source still has it), and one expired row is still in the cold
 * store: the slice predicates must keep every such copy out, so each row is seen exactly once.
 *
 * <p>Installed for one test class and removed by {@link #close()}, so that the rest of the test
 * JVM sees the dataset as generated (other tests count its rows per store).
 */
public final class EdgeRows implements AutoCloseable {
  /** Where the stale copies go; the owner of each row comes from the manifest. */
  private record Edge(String id, String term, String tenant, String kind, Double amount,
      Set<Tier> staleCopies) {
  }

  private static final List<Edge> EDGES = List.of(
      new Edge("edge-cold-floor-minus-1", "cold-1", "tenant-03", "purchase", 310.0,
          EnumSet.of(Tier.COLD)),
      new Edge("edge-cold-floor", "cold", "tenant-04", "purchase", 120.5,
          EnumSet.noneOf(Tier.class)),
      new Edge("edge-cold-floor-plus-1", "cold+1", "tenant-05", "view", null,
          EnumSet.noneOf(Tier.class)),
      new Edge("edge-warm-floor-minus-1", "warm-1", "tenant-07", "refund", 42.25,
          EnumSet.of(Tier.WARM)),
      new Edge("edge-warm-floor", "warm", "tenant-07", "purchase", 99.99,
          EnumSet.of(Tier.COLD)),
      new Edge("edge-warm-floor-plus-1", "warm+1", "tenant-08", "click", null,
          EnumSet.noneOf(Tier.class)),
      new Edge("edge-hot-floor-minus-1", "hot-1", "tenant-07", "view", null,
          EnumSet.of(Tier.HOT)),
      new Edge("edge-hot-floor", "hot", "tenant-07", "purchase", 250.0,
          EnumSet.of(Tier.WARM)),
      new Edge("edge-hot-floor-twin", "hot", "tenant-11", "signup", null,
          EnumSet.noneOf(Tier.class)),
      new Edge("edge-hot-floor-plus-1", "hot+1", "tenant-12", "refund", 7.75,
          EnumSet.noneOf(Tier.class)));

  private static final String USER = "user-09999";
  private static final String REGION = "eu-west-1";

  private final LocalStack stack;
  private final ReferenceDatabase reference;
  private final TierManifest manifest;
  private final SliceEdges edges;
  private final List<Map<String, AttributeValue>> hotKeys = new ArrayList<>();
  private final List<String> coldKeys = new ArrayList<>();
  private final List<Object[]> owned = new ArrayList<>();
  private final Map<Tier, Integer> storedPerTier = new java.util.EnumMap<>(Tier.class);

  private EdgeRows(TestGateway gateway, ReferenceDatabase reference) {
    this.stack = gateway.stack();
    this.reference = reference;
    this.manifest = gateway.demo().manifest();
    this.edges = SliceEdges.of(gateway.dataset().nowMillis(), manifest);
  }

  /** Writes the edge rows into the stores and the reference. */
  public static EdgeRows install(TestGateway gateway, ReferenceDatabase reference) {
    EdgeRows rows = new EdgeRows(gateway, reference);
    try {
      rows.write();
      return rows;
    } catch (RuntimeException | Error e) {
      rows.close();
      throw e;
    }
  }

  /** The rows the reference holds (those a tier owns), as the dataset's rows. */
  public List<Object[]> owned() {
    return List.copyOf(owned);
  }

  /** How many edge rows (owned ones and stale copies) each tier's store holds. */
  public Map<Tier, Integer> storedPerTier() {
    return Map.copyOf(storedPerTier);
  }

  private void write() {
    TreeMap<Tier, List<Object[]>> byStore = new TreeMap<>();
    for (Edge edge : EDGES) {
      long time = edges.millis(edge.term());
      Object[] row = {edge.tenant(), edge.id(), time, edge.kind(), edge.amount(), USER, REGION};
      Tier owner = manifest.tierOf(time);
      Set<Tier> stores = EnumSet.noneOf(Tier.class);
      stores.addAll(edge.staleCopies());
      if (owner != null) {
        stores.add(owner);
        owned.add(row);
      }
      for (Tier store : stores) {
        byStore.computeIfAbsent(store, t -> new ArrayList<>()).add(row);
        storedPerTier.merge(store, 1, Integer::sum);
      }
    }
    writeHot(byStore.getOrDefault(Tier.HOT, List.of()));
    writeWarm(byStore.getOrDefault(Tier.WARM, List.of()));
    writeCold(byStore.getOrDefault(Tier.COLD, List.of()));
    try (Connection pg = reference.connect()) {
      ReferenceDatabase.insertEvents(pg, ReferenceDatabase.SCHEMA + ".events",
          owned.iterator());
    } catch (SQLException e) {
      throw new IllegalStateException("Inserting edge rows into the reference failed", e);
    }
  }

  private DynamoDbClient dynamo() {
    return DynamoDbClientFactory.create(stack.dynamoDbEndpoint(), "us-east-1", "local", "local",
        new StoreRequests(new SimpleMeterRegistry()), "dynamodb");
  }

  private S3Client s3() {
    return S3ClientFactory.create(S3ClientSettings.local(stack.s3Endpoint().endpoint(),
        stack.s3Endpoint().accessKey(), stack.s3Endpoint().secretKey()));
  }

  private void writeHot(List<Object[]> rows) {
    DynamoDbTableLayout layout = DemoLoader.hotLayout();
    DynamoDbItemCodec codec = new DynamoDbItemCodec(layout);
    try (DynamoDbClient dynamo = dynamo()) {
      for (Object[] row : rows) {
        Map<String, AttributeValue> item = codec.toItem(row);
        dynamo.putItem(b -> b.tableName(DemoLoader.HOT_TABLE).item(item));
        hotKeys.add(Map.of(layout.partitionKey(), item.get(layout.partitionKey()),
            DynamoDbTableLayout.SORT_KEY, item.get(DynamoDbTableLayout.SORT_KEY)));
      }
    }
  }

  private void writeWarm(List<Object[]> rows) {
    try (Connection pg = reference.connect()) {
      ReferenceDatabase.insertEvents(pg, DemoLoader.WARM_SCHEMA + ".events", rows.iterator());
    } catch (SQLException e) {
      throw new IllegalStateException("Inserting edge rows into the warm store failed", e);
    }
  }

  /** One extra Parquet part per day, beside the demo's part 0, in the day's storage class. */
  private void writeCold(List<Object[]> rows) {
    TreeMap<LocalDate, List<Object[]>> days = new TreeMap<>();
    for (Object[] row : rows) {
      days.computeIfAbsent(DayPartitionLayout.dayOf((Long) row[DemoDataset.EVENT_TIME]),
          d -> new ArrayList<>()).add(row);
    }
    DayPartitionLayout layout = DayPartitionLayout.of(
        S3Location.parse("s3://" + DemoLoader.COLD_BUCKET + "/"), DemoLoader.EVENTS);
    ParquetSchema schema = ParquetSchema.fromColumnSpecs(DemoDataset.EVENT_COLUMNS);
    DemoPlacement placement = new DemoPlacement(edges.now());
    try (S3Client s3 = s3()) {
      S3ObjectStore objects = new S3ObjectStore(s3);
      days.forEach((day, dayRows) -> {
        String key = layout.partKey(day, 900);
        objects.putParquet(DemoLoader.COLD_BUCKET, key, schema, dayRows,
            S3StorageClass.parse(placement.coldStorageClass(day.plusDays(1).atStartOfDay()
                .toInstant(ZoneOffset.UTC).toEpochMilli() - 1)));
        coldKeys.add(key);
      });
    }
  }

  /** Removes every edge row from every store and from the reference. */
  @Override public void close() {
    List<RuntimeException> failures = new ArrayList<>();
    if (!hotKeys.isEmpty()) {
      try (DynamoDbClient dynamo = dynamo()) {
        for (Map<String, AttributeValue> key : hotKeys) {
          dynamo.deleteItem(b -> b.tableName(DemoLoader.HOT_TABLE).key(key));
        }
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    if (!coldKeys.isEmpty()) {
      try (S3Client s3 = s3()) {
        new S3ObjectStore(s3).delete(DemoLoader.COLD_BUCKET, coldKeys);
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    try (Connection pg = reference.connect()) {
      for (String table : List.of(DemoLoader.WARM_SCHEMA + ".events",
          ReferenceDatabase.SCHEMA + ".events")) {
        try (PreparedStatement delete = pg.prepareStatement("DELETE FROM " + table
            + " WHERE event_id LIKE 'edge-%'")) {
          delete.executeUpdate();
        }
      }
    } catch (SQLException e) {
      failures.add(new IllegalStateException("Removing edge rows from PostgreSQL failed", e));
    }
    if (!failures.isEmpty()) {
      IllegalStateException failure = new IllegalStateException("Removing edge rows failed");
      failures.forEach(failure::addSuppressed);
      throw failure;
    }
  }
}
