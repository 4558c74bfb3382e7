package io.tiergate.server.cli;

import io.tiergate.local.LocalStack;
import io.tiergate.local.demo.DemoDataset;
import io.tiergate.local.demo.DemoLoader;
import io.tiergate.server.Gateway;
import io.tiergate.server.local.LocalGatewayConfig;
import io.tiergate.server.local.LocalDataDirectory;
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
      gateway = Gateway.start(LocalGatewayConfig.forStack(stack, port));
      Gateway running = gateway;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        running.close();
        stack.close();
        stopped.countDown();
      }, "tiergate-local-shutdown"));
      String url = "jdbc:tiergate://127.0.0.1:" + gateway.port();
      long counted = countThroughDriver(url);
      if (counted != summary.hot() + summary.warm() + summary.cold()) {
        throw new IllegalStateException("Self-check failed: SELECT COUNT(*) FROM events returned "
            + counted + ", expected " + (summary.hot() + summary.warm() + summary.cold()));
      }
      System.err.printf("Started in %.1f s; data in %s%n", (System.nanoTime() - started) / 1e9,
          dir.toAbsolutePath());
      System.out.println("Tiergate ready: " + url);
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

  private static long countThroughDriver(String url) throws Exception {
    Class.forName("io.tiergate.jdbc.Driver");
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM events")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
