package io.tiergate.launcher;

import io.tiergate.local.LocalStack;
import io.tiergate.local.demo.DemoDataset;
import io.tiergate.local.demo.DemoLoader;
import io.tiergate.planner.manifest.SqlTimestamp;
import io.tiergate.server.Gateway;
import io.tiergate.server.config.TiergateConfig;
import io.tiergate.launcher.LocalGatewayConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "local", mixinStandardHelpOptions = true,
    description = "Start the local stand-ins of every AWS store (DynamoDB Local, Redis, S3Proxy,"
        + " PostgreSQL for Redshift, Trino for Athena), load the demo data and run the gateway"
        + " on them. Ctrl-C or SIGTERM stops everything it started.")
final class LocalCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8765",
      description = "Gateway port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--data-dir", defaultValue = ".tiergate/local",
      description = "Where the engines keep their files; wiped at start "
          + "(default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--rows", defaultValue = "100000",
      description = "Demo events to generate (default: ${DEFAULT-VALUE}).")
  int rows;

  @Option(names = "--seed", defaultValue = "" + DemoDataset.DEFAULT_SEED,
      description = "Seed of the demo data generator (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--tls",
      description = "Serve HTTPS with a self-signed certificate made at start (in the data"
          + " dir); prints the driver options that trust it.")
  boolean tls;

  @Override public Integer call() throws Exception {
    long started = System.nanoTime();
    Path dir = LocalDataDirectory.prepare(dataDir);
    LocalStack stack = LocalStack.start(dir);
    Gateway gateway = null;
    CountDownLatch stopped = new CountDownLatch(1);
    try {
      DemoLoader.DemoSummary summary =
          new DemoLoader(stack, new DemoDataset(seed, rows, Instant.now())).load();
      System.err.println(summary);
      TiergateConfig config = LocalGatewayConfig.forStack(stack, port);
      SelfSignedCertificate certificate = null;
      if (tls) {
        certificate = SelfSignedCertificate.create(dir.resolve("tls"));
        config = config.withServer(config.server().withTls(new TiergateConfig.TlsConfig(
            certificate.keystore().toString(), certificate.password(), "PKCS12", null, null)));
      }
      gateway = Gateway.start(config);
      Gateway running = gateway;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        running.close();
        stack.close();
        stopped.countDown();
      }, "tiergate-local-shutdown"));
      String url = "jdbc:tiergate://127.0.0.1:" + gateway.port()
          + (certificate == null ? "" : "?" + certificate.driverOptions());
      // Hot and warm: the cold tier's Flexible and Deep Archive partitions are not restored.
      String check = "SELECT COUNT(*) FROM events WHERE event_time >= TIMESTAMP '"
          + sqlTimestamp(summary.manifest().warmFloor()) + "'";
      long counted = countThroughDriver(url, check);
      if (counted != summary.hot() + summary.warm()) {
        throw new IllegalStateException("Self-check failed: " + check + " returned "
            + counted + ", expected " + (summary.hot() + summary.warm()));
      }
      System.err.println(archiveNotice(summary));
      System.err.printf("Started in %.1f s; data in %s%n", (System.nanoTime() - started) / 1e9,
          dir.toAbsolutePath());
      System.out.println("Tiergate ready: " + url);
      if (certificate != null) {
        System.out.println("HTTPS with a self-signed certificate (" + certificate.certificate()
            + "): the URL above trusts it through its truststore; other clients can trust the"
            + " PEM file.");
      }
      System.out.println(LocalGatewayConfig.usersNotice());
      System.out.flush();
    } catch (Exception | Error e) {
      if (gateway != null) {
        gateway.close();
      }
      stack.close();
      throw e;
    }
    stopped.await();
    return 0;
  }

  /** Which cold partitions need a restore before a query may read them, and how. */
  static String archiveNotice(DemoLoader.DemoSummary summary) {
    var archived = summary.manifest().archivedRuns();
    if (archived.isEmpty()) {
      return "";
    }
    long from = archived.get(0).slice().fromInclusive();
    long to = archived.get(archived.size() - 1).slice().toExclusive();
    return "Cold partitions from " + sqlTimestamp(from).substring(0, 10) + " to "
        + sqlTimestamp(to).substring(0, 10) + " are in S3 Glacier Flexible Retrieval and Deep "
        + "Archive, not restored: queries over them fail until you run (as admin), e.g.,\n  CALL "
        + "tiergate.restore('events', TIMESTAMP '" + sqlTimestamp(from) + "', TIMESTAMP '"
        + sqlTimestamp(to) + "', 'BULK')\n(restores are emulated locally and finish at once)";
  }

  private static String sqlTimestamp(long millis) {
    return SqlTimestamp.format(millis);
  }

  private static long countThroughDriver(String url, String sql) throws Exception {
    Class.forName("io.tiergate.jdbc.Driver");
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
