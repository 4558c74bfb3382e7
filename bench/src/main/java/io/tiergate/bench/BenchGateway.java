package io.tiergate.bench;

import io.tiergate.local.LocalStack;
import io.tiergate.local.demo.DemoDataset;
import io.tiergate.local.demo.DemoLoader;
import io.tiergate.planner.manifest.SqlTimestamp;
import io.tiergate.server.Gateway;
import io.tiergate.launcher.LocalGatewayConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/** The local stack with demo data and a gateway on it, as a benchmark's subject. */
record BenchGateway(LocalStack stack, DemoDataset dataset, DemoLoader.DemoSummary demo,
    Gateway gateway)
    implements AutoCloseable {

  /** {@code --rows N} from the command line (underscores and commas allowed), else the default. */
  static int rowsOption(String[] args, int defaultRows) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--rows")) {
        return Integer.parseInt(args[i + 1].replace("_", "").replace(",", ""));
      }
    }
    return defaultRows;
  }

  static BenchGateway start(int rows) {
    Path dir = Path.of("bench", "target", "stack");
    deleteRecursively(dir);
    LocalStack stack = LocalStack.start(dir);
    try {
      DemoDataset dataset = new DemoDataset(DemoDataset.DEFAULT_SEED, rows, Instant.now());
      DemoLoader.DemoSummary demo = new DemoLoader(stack, dataset).load();
      Gateway gateway = Gateway.start(LocalGatewayConfig.forStack(stack, 0));
      BenchGateway bench = new BenchGateway(stack, dataset, demo, gateway);
      bench.restoreArchive();
      return bench;
    } catch (SQLException e) {
      stack.close();
      throw new IllegalStateException("Restoring the demo archive failed: " + e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      stack.close();
      throw e;
    }
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:tiergate://127.0.0.1:" + gateway.port());
  }

  /**
   * Restores (emulated) the demo's Flexible and Deep Archive partitions, so that the cold
   * benchmarks read the same partitions through Tiergate as Trino reads directly.
   */
  private void restoreArchive() throws SQLException {
    String call = "CALL tiergate.restore('events', TIMESTAMP '"
        + SqlTimestamp.format(demo.manifest().coldFloor()) + "', TIMESTAMP '"
        + SqlTimestamp.format(demo.manifest().warmFloor()) + "', 'BULK')";
    // Restores are for the admin role: the local configuration's admin user.
    try (Connection c = DriverManager.getConnection("jdbc:tiergate://127.0.0.1:"
            + gateway.port() + "?user=admin&password=admin");
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(call)) {
      while (rs.next()) {
        System.out.printf("Restored %s %s .. %s: %s%n", rs.getString("storage_class"),
            rs.getString("first_partition"), rs.getString("last_partition"),
            rs.getString("state"));
      }
    }
  }

  double storeRequests(String store) {
    return gateway.metrics().get("tiergate.store.requests").tag("store", store).counter().count();
  }

  @Override public void close() {
    gateway.close();
    stack.close();
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
