package io.tiergate.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tiergate.adapter.StoreRequests;
import io.tiergate.adapter.StoreUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** S3 operations and Parquet objects against a real in-process S3Proxy. */
class S3ObjectStoreTest {
  private static final String BUCKET = "tiergate-cold";
  private static final LocalDate DAY = LocalDate.of(2024, 1, 1);

  private static S3Client client;
  private static StoreRequests requests;
  private static S3ObjectStore store;
  private static DayPartitionLayout layout;

  @BeforeAll static void start() {
    requests = new StoreRequests(new SimpleMeterRegistry());
    client = S3ClientFactory.create(LocalS3.get().settings(), requests, "s3");
    store = new S3ObjectStore(client, 2, 3); // tiny pages and batches: paging is exercised
    store.createBucketIfMissing(BUCKET);
    store.createBucketIfMissing(BUCKET); // idempotent
    layout = DayPartitionLayout.of(S3Location.parse("s3://" + BUCKET + "/archive/"), "events");
  }

  @AfterAll static void stop() {
    client.close();
  }

  private static long sent() {
    return (long) requests.count("s3");
  }

  @Test void parquetInGlacierClassesHeadListAndReadBack() {
    String irKey = layout.partKey(DAY, 0);
    String deepKey = layout.partKey(DAY, 1);
    String otherDayKey = layout.partKey(DAY.plusDays(1), 0);

    var ir = store.putParquet(BUCKET, irKey, Rows.EVENTS, Rows.events(10_000),
        S3StorageClass.GLACIER_IR);
    var deep = store.putParquet(BUCKET, deepKey, Rows.EVENTS, Rows.events(500),
        S3StorageClass.DEEP_ARCHIVE);
    store.putParquet(BUCKET, otherDayKey, Rows.EVENTS, Rows.events(5), S3StorageClass.STANDARD);

    assertThat(ir.uri()).isEqualTo("s3://tiergate-cold/archive/events/dt=2024-01-01/"
        + "part-00000.parquet");
    assertThat(ir.rows()).isEqualTo(10_000);
    S3ObjectInfo irHead = store.head(BUCKET, irKey).orElseThrow();
    assertThat(irHead.storageClass()).isEqualTo(S3StorageClass.GLACIER_IR);
    assertThat(irHead.size()).isEqualTo(ir.bytes());
    assertThat(irHead.readable()).isTrue();
    S3ObjectInfo deepHead = store.head(BUCKET, deepKey).orElseThrow();
    assertThat(deepHead.storageClass()).isEqualTo(S3StorageClass.DEEP_ARCHIVE);
    assertThat(deepHead.readable()).isFalse();
    assertThat(deepHead.size()).isEqualTo(deep.bytes());
    // STANDARD objects carry no x-amz-storage-class header: still STANDARD.
    assertThat(store.head(BUCKET, otherDayKey).orElseThrow().storageClass())
        .isEqualTo(S3StorageClass.STANDARD);

    List<S3ObjectInfo> listed = store.list(BUCKET, layout.dayPrefix(DAY));
    assertThat(listed).extracting(S3ObjectInfo::key).containsExactly(irKey, deepKey);
    assertThat(listed).extracting(S3ObjectInfo::storageClass)
        .containsExactly(S3StorageClass.GLACIER_IR, S3StorageClass.DEEP_ARCHIVE);
    assertThat(listed).extracting(o -> layout.parse(o.key()).orElseThrow().part())
        .containsExactly(0, 1);
    assertThat(store.listKeys(BUCKET, layout.root().keyPrefix())).hasSize(3);

    // Streaming, ranged GETs.
    long before = sent();
    try (ParquetRowReader reader = store.openParquet(BUCKET, irKey, null)) {
      long n = 0;
      while (reader.hasNext()) {
        assertThat(reader.next()).containsExactly(Rows.event(n++));
      }
      assertThat(n).isEqualTo(10_000);
    }
    long rangedGets = sent() - before;
    // Whole object in one GET.
    assertThat(store.readParquet(BUCKET, deepKey)).hasSize(500)
        .last().satisfies(row -> assertThat(row).containsExactly(Rows.event(499)));
    // Only some columns.
    try (ParquetRowReader reader = store.openParquet(BUCKET, deepKey, List.of("event_id"))) {
      assertThat(reader.next()).containsExactly(0L);
    }
    System.out.printf("S3 Parquet object of 10,000 rows: %,d bytes, read with %d ranged GET(s)%n",
        ir.bytes(), rangedGets);
    assertThat(rangedGets).isBetween(1L, 3L);
  }

  @Test void aLargerObjectIsReadWithFewRangedGets(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("big.parquet");
    ParquetRowWriter.toFile(file, Rows.EVENTS, Rows.events(300_000),
        ParquetWriteOptions.DEFAULTS.withRowGroupBytes(512 * 1024));
    String key = layout.partKey(LocalDate.of(2024, 3, 1), 0);
    store.put(BUCKET, key, file, S3StorageClass.STANDARD);
    long size = Files.size(file);

    long before = sent();
    long n = 0;
    int groups;
    try (ParquetRowReader reader = store.openParquet(BUCKET, key, null)) {
      groups = reader.info().rowGroups();
      while (reader.hasNext()) {
        Object[] row = reader.next();
        if (n % 10_000 == 0) {
          assertThat(row).containsExactly(Rows.event(n));
        }
        n++;
      }
    }
    long gets = sent() - before;
    System.out.printf("S3 Parquet object of 300,000 rows: %,d bytes, %d row groups, read with %d"
        + " ranged GETs%n", size, groups, gets);
    assertThat(n).isEqualTo(300_000);
    assertThat(gets).isLessThanOrEqualTo(1 + 2L * groups);
  }

  @Test void malformedObjectErrorsNameTheObject() {
    String key = layout.partKey(LocalDate.of(2024, 2, 1), 0);
    store.put(BUCKET, key, "definitely not parquet".getBytes(), S3StorageClass.GLACIER_IR);
    String uri = "s3://tiergate-cold/" + key;

    assertThatThrownBy(() -> store.openParquet(BUCKET, key, null))
        .isInstanceOf(ParquetFileException.class)
        .hasMessageStartingWith(uri + ": not a readable Parquet file");
    assertThatThrownBy(() -> store.readParquet(BUCKET, key))
        .isInstanceOf(ParquetFileException.class)
        .hasMessageStartingWith(uri + ": not a readable Parquet file");

    String missing = layout.partKey(LocalDate.of(2024, 2, 2), 0);
    assertThatThrownBy(() -> store.openParquet(BUCKET, missing, null))
        .isInstanceOf(ParquetFileException.class)
        .hasMessageContaining("s3://tiergate-cold/" + missing)
        .hasMessageContaining("NoSuchKey");
    assertThatThrownBy(() -> store.get(BUCKET, missing))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("S3 GetObject s3://tiergate-cold/" + missing + " failed: 404");
    assertThat(store.head(BUCKET, missing)).isEmpty();
  }

  @Test void bytesRangesPagedListingAndBatchedDelete() {
    String prefix = "scratch/dt=2024-04-01/";
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String key = prefix + "obj-" + i;
      store.put(BUCKET, key, ("value-" + i).getBytes(), S3StorageClass.STANDARD);
      keys.add(key);
    }
    assertThat(store.get(BUCKET, keys.get(3))).asString().isEqualTo("value-3");
    assertThat(store.getRange(BUCKET, keys.get(3), 2, 3)).asString().isEqualTo("lue");
    assertThat(store.getRange(BUCKET, keys.get(3), 5, 100)).asString().isEqualTo("-3");

    long before = sent();
    assertThat(store.listKeys(BUCKET, prefix)).containsExactlyElementsOf(keys);
    assertThat(sent() - before).as("ListObjectsV2 pages of 2").isEqualTo(4);

    List<String> toDelete = new ArrayList<>(keys);
    toDelete.add(prefix + "never-existed");
    assertThat(store.delete(BUCKET, toDelete)).as("DeleteObjects batches of 3").isEqualTo(3);
    assertThat(store.listKeys(BUCKET, prefix)).isEmpty();
    assertThat(store.delete(BUCKET, List.of())).isZero();
  }

  @Test void unreachableEndpointFailsNamingTheObject() {
    try (S3Client dead = S3ClientFactory.create(S3ClientSettings.local(
        java.net.URI.create("http://127.0.0.1:9"), "a", "b"))) {
      assertThatThrownBy(() -> new S3ObjectStore(dead).get(BUCKET, "some/key"))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageStartingWith("S3 GetObject s3://tiergate-cold/some/key failed");
    }
  }
}
