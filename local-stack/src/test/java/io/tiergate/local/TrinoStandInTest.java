package io.tiergate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trino.jdbc.TrinoResultSet;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.StorageClass;

class TrinoStandInTest {
  private static final String BUCKET = "tiergate-cold";
  private static final String EVENTS = "s3://" + BUCKET + "/cold/events/";

  /**
   * Athena's cold path end to end: Parquet partitions on S3 (written here by Trino itself),
   * registered by listing S3, read back with partition pruning.
   */
  @Test
  void readsPartitionedParquetFromS3() throws Exception {
    Path s3Root = TestDirs.of("trino-s3");
    Directories.deleteRecursively(s3Root);
    Files.createDirectories(s3Root);
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(new FilesystemNio2BlobStore(s3Root.toString()))
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "access", "secret")
        .ignoreUnknownHeaders(true)
        .build();
    proxy.start();
    S3Endpoint endpoint = new S3Endpoint(URI.create("http://127.0.0.1:" + proxy.getPort()),
        "us-east-1", "access", "secret");
    try (S3Client s3 = s3Client(endpoint);
         TrinoStandIn trino = TrinoStandIn.start(TestDirs.of("trino"), endpoint);
         Connection connection = DriverManager.getConnection(trino.jdbcUrl(), TrinoStandIn.USER, null);
         Statement sql = connection.createStatement()) {
      s3.createBucket(b -> b.bucket(BUCKET));
      sql.execute("CREATE SCHEMA hive.archive WITH (location = 's3://" + BUCKET + "/cold/')");
      sql.execute("CREATE TABLE hive.archive.events_writer (event_id varchar, amount double, dt varchar)"
          + " WITH (format = 'PARQUET', partitioned_by = ARRAY['dt'], external_location = '" + EVENTS + "')");
      sql.execute("INSERT INTO hive.archive.events_writer VALUES"
          + " ('e1', 1.5, '2023-01-01'), ('e2', 2.5, '2023-01-01'), ('e3', 4.0, '2023-01-02')");

      // The rows are Parquet objects in S3Proxy, one prefix per partition.
      List<S3Object> day2 = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("cold/events/dt=2023-01-02/"))
          .contents();
      assertThat(day2).hasSize(1);
      byte[] parquet = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(day2.get(0).key())).asByteArray();
      assertThat(new String(parquet, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");

      // Cold-tier storage classes, as the lifecycle leaves them. The stand-in reads every class
      // (READ_ALL, see TrinoLauncher): what is readable is the gateway's call, from the manifest.
      // Copies of day 2's file (one row) as new days.
      putParquet(s3, "cold/events/dt=2023-01-03/glacier.parquet", parquet, StorageClass.GLACIER);
      putParquet(s3, "cold/events/dt=2023-01-04/instant.parquet", parquet, StorageClass.GLACIER_IR);

      // A second table over the same prefix knows no partitions until they are synced from S3.
      sql.execute("CREATE TABLE hive.archive.events (event_id varchar, amount double, dt varchar)"
          + " WITH (format = 'PARQUET', partitioned_by = ARRAY['dt'], external_location = '" + EVENTS + "')");
      assertThat(rows(sql, "SELECT count(*) FROM hive.archive.events")).containsExactly("0");
      sql.execute("CALL hive.system.sync_partition_metadata('archive', 'events', 'ADD')");
      assertThat(rows(sql, "SELECT dt FROM hive.archive.\"events$partitions\" ORDER BY dt"))
          .containsExactly("2023-01-01", "2023-01-02", "2023-01-03", "2023-01-04");

      try (ResultSet rs = sql.executeQuery(
          "SELECT event_id, amount FROM hive.archive.events WHERE dt = '2023-01-01' ORDER BY event_id")) {
        assertThat(rows(rs)).containsExactly("e1|1.5", "e2|2.5");
        // Pruning: only the 2 rows of that partition were read, not all 5 on S3.
        assertThat(rs.unwrap(TrinoResultSet.class).getStats().getProcessedRows()).isEqualTo(2);
      }
      assertThat(rows(sql, "SELECT dt, count(*) FROM hive.archive.events GROUP BY dt ORDER BY dt"))
          .containsExactly("2023-01-01|2", "2023-01-02|1", "2023-01-03|1", "2023-01-04|1");
    } finally {
      proxy.stop();
    }
  }

  @Test
  void missingJdkErrorNamesEveryPlaceSearched(@TempDir Path dir) throws Exception {
    Path jvmRoot = dir.resolve("jvm");
    Path jdk17 = fakeJdk(jvmRoot.resolve("java-17"), "17.0.15");
    Path nowhere = dir.resolve("nowhere");
    JdkFinder finder = new JdkFinder(
        Map.of(JdkFinder.ENV_OVERRIDE, nowhere.toString(), "JAVA_HOME", jdk17.toString()), jvmRoot);
    S3Endpoint unused = new S3Endpoint(URI.create("http://127.0.0.1:1"), "us-east-1", "a", "s");

    assertThatThrownBy(() -> TrinoStandIn.start(dir.resolve("work"), unused, finder))
        .isInstanceOf(EngineStartException.class)
        .hasMessageStartingWith("Trino (Athena stand-in) did not start")
        .hasMessageContaining("No JDK >= 24 found")
        .hasMessageContaining("$TIERGATE_TRINO_JAVA_HOME=" + nowhere + " (no JDK release file)")
        .hasMessageContaining(jdk17.toRealPath() + " (Java 17, too old)")
        .hasMessageContaining("$JAVA_HOME=" + jdk17 + " (Java 17, too old)");
    assertThatThrownBy(() -> new JdkFinder(Map.of(), dir.resolve("no-jvm-dir")).findJava(24))
        .hasMessageContaining("$TIERGATE_TRINO_JAVA_HOME (not set)")
        .hasMessageContaining(dir.resolve("no-jvm-dir") + " (no such directory)")
        .hasMessageContaining("$JAVA_HOME (not set)");
  }

  @Test
  void jdkFinderPrefersTheOverrideThenTheNewestInstalledJdk(@TempDir Path dir) throws Exception {
    Path jvmRoot = dir.resolve("jvm");
    fakeJdk(jvmRoot.resolve("java-17"), "17.0.15");
    Path jdk24 = fakeJdk(jvmRoot.resolve("jdk-24"), "24.0.2");
    Path jdk25 = fakeJdk(jvmRoot.resolve("temurin-25"), "25.0.3");

    assertThat(new JdkFinder(Map.of(), jvmRoot).findJava(24))
        .isEqualTo(jdk25.toRealPath().resolve("bin/java"));
    assertThat(new JdkFinder(Map.of(JdkFinder.ENV_OVERRIDE, jdk24.toString()), jvmRoot).findJava(24))
        .isEqualTo(jdk24.resolve("bin/java"));
  }

  @Test
  void aFailedStartNamesTheEngineAndQuotesItsLog(@TempDir Path dir) throws Exception {
    Path jdk = fakeJdk(dir.resolve("jdk-25"), "25.0.3", "echo 'Error: no room for the heap'; exit 3");
    JdkFinder finder = new JdkFinder(Map.of(JdkFinder.ENV_OVERRIDE, jdk.toString()), dir);
    S3Endpoint unused = new S3Endpoint(URI.create("http://127.0.0.1:1"), "us-east-1", "a", "s");

    assertThatThrownBy(() -> TrinoStandIn.start(dir.resolve("work"), unused, finder))
        .isInstanceOf(EngineStartException.class)
        .hasMessageStartingWith("Trino (Athena stand-in) did not start")
        .hasMessageContaining("exited with 3")
        .hasMessageContaining("lines of " + dir.resolve("work/trino.log"))
        .hasMessageContaining("Error: no room for the heap");
  }

  private static Path fakeJdk(Path home, String version) throws Exception {
    return fakeJdk(home, version, "exit 0");
  }

  private static Path fakeJdk(Path home, String version, String javaScript) throws Exception {
    Files.createDirectories(home.resolve("bin"));
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
    Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\n" + javaScript + "\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return home;
  }

  private static void putParquet(S3Client s3, String key, byte[] bytes, StorageClass storageClass) {
    s3.putObject(b -> b.bucket(BUCKET).key(key).storageClass(storageClass), RequestBody.fromBytes(bytes));
  }

  private static S3Client s3Client(S3Endpoint endpoint) {
    return S3Client.builder()
        .endpointOverride(endpoint.endpoint())
        .region(Region.of(endpoint.region()))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(endpoint.accessKey(), endpoint.secretKey())))
        .forcePathStyle(true)
        .httpClientBuilder(ApacheHttpClient.builder()) // apache5 is on the classpath too
        .build();
  }

  private static List<String> rows(Statement sql, String query) throws SQLException {
    try (ResultSet rs = sql.executeQuery(query)) {
      return rows(rs);
    }
  }

  /** Each row as its columns joined by '|'. */
  private static List<String> rows(ResultSet rs) throws SQLException {
    List<String> rows = new ArrayList<>();
    int columns = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      List<String> values = new ArrayList<>();
      for (int i = 1; i <= columns; i++) {
        values.add(rs.getString(i));
      }
      rows.add(String.join("|", values));
    }
    return rows;
  }
}
