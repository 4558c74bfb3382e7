package io.tiergate.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiergate.local.LocalStack;
import io.tiergate.local.TrinoStandIn;
import io.tiergate.local.athena.AthenaApiStandIn;
import io.tiergate.local.demo.DemoDataset;
import io.tiergate.local.demo.DemoLoader;
import io.tiergate.planner.manifest.SqlTimestamp;
import io.tiergate.planner.manifest.TierManifest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive as an operator runs it: unpacked into a fresh directory, {@code bin/tiergate
 * serve} with a configuration that points at the local stand-ins the way one points at AWS
 * (endpoints in the file; every credential from the environment: the SDK's default chain, and
 * {@code TIERGATE_*} overrides of keys the file leaves out), then every tier, the Redis
 * tables and a migration through the shaded driver, and a clean stop on SIGTERM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArchiveServesEveryTierIT {
  private static final Pattern SERVING =
      Pattern.compile("^Tiergate serving: jdbc:tiergate://[^:]+:(\\d+)$");
  /** The local template's admin (password admin); the file holds only the hash. */
  private static final String ADMIN_HASH = "pbkdf2-sha256$210000$PPa9ZgB6socPNRh5Sc55oQ"
      + "$iTFwx/5fPtpQiQYD32i9qPaOj2KbhVDY58w0w4xxuVc";
  private static final int ROWS = 3_000;

  private Path directory;
  private LocalStack stack;
  private AthenaApiStandIn athenaApi;
  private DemoLoader.DemoSummary demo;
  private Process server;
  private Path log;
  private String url;

  @BeforeAll void serveTheArchive(@TempDir Path directory) throws Exception {
    this.directory = directory;
    stack = LocalStack.start(Files.createDirectories(directory.resolve("stack")));
    demo = new DemoLoader(stack, new DemoDataset(DemoDataset.DEFAULT_SEED, ROWS,
        Instant.now())).load();
    athenaApi = AthenaApiStandIn.start(stack.trinoJdbcUrl(), TrinoStandIn.USER);
    Path install = Files.createDirectories(directory.resolve("install"));
    UnpackedArchive archive = UnpackedArchive.into(install);
    Path config = directory.resolve("tiergate.yaml");
    Files.writeString(config, configuration());
    log = Path.of("target", "archive-serve.log").toAbsolutePath();
    ProcessBuilder builder = new ProcessBuilder(archive.bin().toString(), "serve",
        "--config", config.toString(), "--port", "0")
        .redirectError(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    // As on AWS: no key in the file; the SDK's default chain reads these (S3, Athena).
    env.put("AWS_ACCESS_KEY_ID", stack.s3Endpoint().accessKey());
    env.put("AWS_SECRET_ACCESS_KEY", stack.s3Endpoint().secretKey());
    env.put("AWS_REGION", "us-east-1");
    // Keys the file does not name at all, set by environment overrides only. DynamoDB Local
    // accepts only letters and digits in a key id, which S3Proxy's key is not.
    env.put("TIERGATE_STORES_REDSHIFT_PASSWORD", stack.postgresPassword());
    env.put("TIERGATE_STORES_DYNAMODB_ACCESS_KEY", "local");
    env.put("TIERGATE_STORES_DYNAMODB_SECRET_KEY", "local");
    server = builder.start();
    url = "jdbc:tiergate://127.0.0.1:" + awaitServing();
  }

  private String configuration() {
    return """
        server:
          host: 127.0.0.1
          users:
            admin: {password-hash: "%s", roles: [admin]}
        stores:
          dynamodb:
            endpoint: %s
            region: us-east-1
            cache: {enabled: true}
          redis: {host: %s, port: %d}
          s3:
            endpoint: %s
            region: us-east-1
            path-style: true
            restore: emulated
            class-changes: rewrite
          redshift:
            url: %s
            user: %s
          athena:
            mode: sdk
            endpoint: %s
            region: us-east-1
            workgroup: tiergate
            output-location: s3://tiergate-results/athena/
        tables:
          events:
            time-column: event_time
            key: [tenant_id, event_id]
            columns: {tenant_id: VARCHAR, event_id: VARCHAR, event_time: TIMESTAMP, kind: VARCHAR,
                      amount: DOUBLE, user_id: VARCHAR, region: VARCHAR}
            hot:  {store: dynamodb, table: events, partition-key: tenant_id, sort-key: event_time}
            warm: {store: redshift, table: analytics.events, s3: "s3://tiergate-warm/events/"}
            cold: {store: athena, table: hive.archive.events, s3: "s3://tiergate-cold/events/",
                   partition: day}
            lifecycle: {hot: 30d, warm: 365d, glacier-ir: 730d, glacier-flexible: 1825d,
                        deep-archive: 2555d, expire: 2555d}
          sessions:
            store: redis
            shape: hash
            key-prefix: "session:"
            scan-allowed: true
            columns: {session_id: VARCHAR, tenant_id: VARCHAR, user_id: VARCHAR,
                      started_at: TIMESTAMP, last_seen: TIMESTAMP, expires_at: TIMESTAMP}
        """.formatted(ADMIN_HASH, stack.dynamoDbEndpoint(), stack.redisHost(),
        stack.redisPort(), stack.s3Endpoint().endpoint(), stack.postgresJdbcUrl(),
        stack.postgresUser(), athenaApi.endpoint());
  }

  private int awaitServing() throws Exception {
    CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(
          server.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          Matcher m = SERVING.matcher(line);
          if (m.matches()) {
            return Integer.parseInt(m.group(1));
          }
        }
        return -1;
      } catch (java.io.IOException e) {
        return -1;
      }
    });
    Integer found;
    try {
      found = port.get(3, TimeUnit.MINUTES);
    } catch (java.util.concurrent.TimeoutException e) {
      found = -1;
    }
    if (found < 0) {
      throw new AssertionError("bin/tiergate serve did not print its serving line within 3 "
          + "minutes; its log (" + log + ") ends:\n" + tail(log));
    }
    return found;
  }

  @AfterAll void stop() {
    if (server != null && server.isAlive()) {
      server.destroyForcibly();
    }
    if (athenaApi != null) {
      athenaApi.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test @Order(1) void everyTierAnswersThroughTheDriver() throws Exception {
    TierManifest m = demo.manifest();
    try (Connection c = admin()) {
      assertThat(count(c, "SELECT COUNT(*) FROM events WHERE event_time >= TIMESTAMP '"
          + ts(m.hotFloor()) + "'")).isEqualTo(demo.hot());
      assertThat(count(c, "SELECT COUNT(*) FROM events WHERE event_time >= TIMESTAMP '"
          + ts(m.warmFloor()) + "' AND event_time < TIMESTAMP '" + ts(m.hotFloor()) + "'"))
          .isEqualTo(demo.warm());
      restoreTheArchive(c, m);
      assertThat(count(c, "SELECT COUNT(*) FROM events WHERE event_time < TIMESTAMP '"
          + ts(m.warmFloor()) + "'")).isEqualTo(demo.cold());
      assertThat(count(c, "SELECT COUNT(*) FROM sessions")).isEqualTo(2_000);
      assertThat(count(c, "SELECT COUNT(*) FROM tiergate.tiers WHERE table_name = 'events'"))
          .as("a row per tier, the cold tier's per storage class").isGreaterThanOrEqualTo(3);
    }
  }

  @Test @Order(2) void aMigrationMovesRowsAndLosesNone() throws Exception {
    try (Connection c = admin()) {
      long before = count(c, "SELECT COUNT(*) FROM events");
      List<String> states = new ArrayList<>();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("CALL tiergate.migrate('events')")) {
        while (rs.next()) {
          states.add(rs.getString("state"));
        }
      }
      assertThat(states).isNotEmpty().containsOnly("DONE");
      assertThat(count(c, "SELECT COUNT(*) FROM events")).isEqualTo(before);
    }
  }

  @Test @Order(3) void sigtermStopsTheServerAndFreesItsPort() throws Exception {
    int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    server.destroy(); // SIGTERM
    assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
    assertThat(server.exitValue()).as("exit status after SIGTERM").isIn(0, 143);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
      throw new AssertionError("port " + port + " still accepts connections");
    } catch (java.io.IOException expected) {
      // refused: nothing listens any more
    }
  }

  private Connection admin() throws SQLException {
    return DriverManager.getConnection(url + "?user=admin&password=admin");
  }

  private static void restoreTheArchive(Connection c, TierManifest m) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("CALL tiergate.restore('events', TIMESTAMP '"
            + ts(m.coldFloor()) + "', TIMESTAMP '" + ts(m.warmFloor()) + "', 'BULK')")) {
      while (rs.next()) {
        assertThat(rs.getString("state")).isEqualTo("RESTORED");
      }
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).as(sql).isTrue();
      return rs.getLong(1);
    }
  }

  private static String ts(long millis) {
    return SqlTimestamp.format(millis);
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (java.io.IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}
