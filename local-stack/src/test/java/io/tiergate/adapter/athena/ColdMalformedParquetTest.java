package io.tiergate.adapter.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tiergate.adapter.StoreRequests;
import io.tiergate.adapter.jdbc.AthenaCalcite;
import io.tiergate.adapter.jdbc.DemoOnce;
import io.tiergate.adapter.jdbc.JdbcStoreSchemas;
import io.tiergate.adapter.s3.S3ClientFactory;
import io.tiergate.adapter.s3.S3ClientSettings;
import io.tiergate.adapter.s3.S3ObjectStore;
import io.tiergate.adapter.s3.S3StorageClass;
import io.tiergate.local.LocalStack;
import io.tiergate.local.LocalStackExtension;
import io.tiergate.local.TrinoStandIn;
import io.tiergate.local.athena.AthenaApiStandIn;
import io.tiergate.local.demo.DemoLoader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A cold object that is not Parquet (a truncated upload, a stray file) fails the query with an
 * error naming the object, in both Athena modes. The broken object lives under its own table
 * ({@code hive.archive.broken_events}) so the shared demo table stays readable.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ColdMalformedParquetTest {
  private static final String KEY = "broken_events/dt=2021-06-01/part-00000.parquet";

  private AthenaApiStandIn api;
  private AthenaClient client;
  private DataSource viaJdbc;
  private DataSource viaSdk;

  @BeforeAll void brokenTable(LocalStack stack) throws Exception {
    DemoOnce.load(stack);
    try (S3Client s3 = S3ClientFactory.create(S3ClientSettings.local(
        stack.s3Endpoint().endpoint(), stack.s3Endpoint().accessKey(),
        stack.s3Endpoint().secretKey()))) {
      new S3ObjectStore(s3).put(DemoLoader.COLD_BUCKET, KEY,
          "PAR1 this is not a Parquet file".getBytes(StandardCharsets.UTF_8),
          S3StorageClass.STANDARD);
    }
    try (Connection trino = DriverManager.getConnection(stack.trinoJdbcUrl(), TrinoStandIn.USER,
        null); Statement s = trino.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS hive.archive.broken_events (event_id varchar,"
          + " amount double, dt varchar) WITH (format = 'PARQUET', partitioned_by = ARRAY['dt'],"
          + " external_location = 's3://" + DemoLoader.COLD_BUCKET + "/broken_events/')");
      s.execute("CALL hive.system.sync_partition_metadata('archive', 'broken_events', 'FULL')");
    }
    viaJdbc = JdbcStoreSchemas.pooled("athena", "io.trino.jdbc.TrinoDriver",
        stack.trinoJdbcUrl(), TrinoStandIn.USER, null,
        new StoreRequests(new SimpleMeterRegistry()), "trino");
    api = AthenaApiStandIn.start(stack.trinoJdbcUrl(), TrinoStandIn.USER);
    client = AthenaClientFactory.create(api.endpoint(), "us-east-1", "test", "test");
    AthenaSettings settings = AthenaSettings.of("tiergate-test", null, "hive", "archive",
        Duration.ZERO, Duration.ofSeconds(60));
    viaSdk = new AthenaDataSource(new SdkAthenaExecutor(client, settings,
        api.endpoint().getAuthority()), settings);
  }

  @AfterAll void stop() {
    client.close();
    api.close();
  }

  private static void query(DataSource athena) throws SQLException {
    try (Connection connection = AthenaCalcite.connect(athena);
         Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("SELECT SUM(amount) FROM athena.broken_events")) {
      rs.next();
    }
  }

  @Test void jdbcModeNamesTheObject() {
    assertThatThrownBy(() -> query(viaJdbc)).isInstanceOf(SQLException.class)
        .hasMessageContaining(KEY);
  }

  /**
   * Athena's reason (Trino's message: "Malformed Parquet file ... file [s3://...]") is the
   * message of the AthenaQueryException. Calcite's wrapper of an error raised by execute (not
   * by a later next(), as in JDBC mode) does not repeat its cause's message: the key is one
   * level down, where the server must look (see the report).
   */
  @Test void sdkModeNamesTheObject() {
    assertThatThrownBy(() -> query(viaSdk)).isInstanceOf(SQLException.class)
        .rootCause().isInstanceOf(AthenaQueryException.class)
        .hasMessageContaining("Malformed Parquet file").hasMessageContaining(KEY);
  }
}
