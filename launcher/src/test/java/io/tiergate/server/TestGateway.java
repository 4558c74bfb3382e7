package io.tiergate.server;

import io.tiergate.local.LocalStack;
import io.tiergate.local.demo.DemoDataset;
import io.tiergate.local.demo.DemoLoader;
import io.tiergate.launcher.LocalGatewayConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A gateway on the local stack with the demo data, one per test JVM (JUnit's root store closes
 * it when the run ends). Tests reach it through the JDBC driver, as a BI tool would.
 */
public record TestGateway(LocalStack stack, DemoDataset dataset, DemoLoader.DemoSummary demo,
    Gateway gateway) implements AutoCloseable {
  public static final int ROWS = 20_000;

  public String url() {
    return "jdbc:tiergate://127.0.0.1:" + gateway.port();
  }

  public Connection connect() throws SQLException {
    return connect("");
  }

  /** A connection without credentials: in the local configuration, a reader. */
  public Connection connect(String options) throws SQLException {
    return DriverManager.getConnection(url() + options, new Properties());
  }

  /** A connection as the local configuration's admin (admin/admin), who may run procedures. */
  public Connection connectAsAdmin(String options) throws SQLException {
    return connectAs(LocalGatewayConfig.ADMIN, "admin", options);
  }

  public Connection connectAs(String user, String password, String options)
      throws SQLException {
    Properties credentials = new Properties();
    credentials.setProperty("user", user);
    credentials.setProperty("password", password);
    return DriverManager.getConnection(url() + options, credentials);
  }

  public double storeRequests(String store) {
    return gateway.metrics().get("tiergate.store.requests").tag("store", store).counter().count();
  }

  /** The Prometheus text {@code GET /metrics} answers. */
  public String scrapeMetrics() throws java.io.IOException, InterruptedException {
    return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + gateway.port() + "/metrics")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
  }

  /**
   * Restores every archived cold partition (emulated, at once), as a user of the demo does
   * before querying all of time: the tests compare answers over all tiers.
   */
  void restoreAllArchived() {
    var manifest = demo.manifest();
    try (Connection c = connectAsAdmin(""); var s = c.createStatement();
        var rs = s.executeQuery("CALL tiergate.restore('events', TIMESTAMP '"
            + sqlTimestamp(manifest.coldFloor()) + "', TIMESTAMP '"
            + sqlTimestamp(manifest.warmFloor()) + "', 'BULK')")) {
      while (rs.next()) {
        if (!"RESTORED".equals(rs.getString("state"))) {
          throw new IllegalStateException("Restore of the demo archive: " + rs.getString(2)
              + " is " + rs.getString("state"));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Restoring the demo archive failed: " + e.getMessage(), e);
    }
  }

  /** The value of one {@code series} (name and labels) in a scrape; 0 when absent. */
  public static double metricValue(String scrape, String series) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "(?m)^" + java.util.regex.Pattern.quote(series) + " (\\S+)$").matcher(scrape);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  /** The plan EXPLAIN PLAN FOR shows, all its lines. */
  public static String explain(Connection c, String sql) throws SQLException {
    try (java.sql.Statement s = c.createStatement();
         java.sql.ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      StringBuilder plan = new StringBuilder();
      while (rs.next()) {
        plan.append(rs.getString(1)).append('\n');
      }
      return plan.toString();
    }
  }

  public static String sqlTimestamp(long millis) {
    return io.tiergate.planner.manifest.SqlTimestamp.format(millis);
  }

  @Override public void close() {
    gateway.close();
    stack.close();
  }

  static TestGateway start() {
    LocalStack stack = LocalStack.start(Path.of("target", "local-stack"));
    try {
      DemoDataset dataset = new DemoDataset(DemoDataset.DEFAULT_SEED, ROWS, Instant.now());
      DemoLoader.DemoSummary demo = new DemoLoader(stack, dataset).load();
      Gateway gateway = Gateway.start(LocalGatewayConfig.forStack(stack, 0));
      TestGateway started = new TestGateway(stack, dataset, demo, gateway);
      started.restoreAllArchived();
      return started;
    } catch (RuntimeException | Error e) {
      stack.close();
      throw e;
    }
  }

  /** Gives test methods a {@link TestGateway} parameter. */
  public static final class Extension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
        ExtensionContext.Namespace.create(TestGateway.class);

    @Override public void beforeAll(ExtensionContext context) {
      shared(context);
    }

    @Override public boolean supportsParameter(ParameterContext parameter,
        ExtensionContext context) {
      return parameter.getParameter().getType() == TestGateway.class;
    }

    @Override public Object resolveParameter(ParameterContext parameter,
        ExtensionContext context) {
      return shared(context);
    }

    private static TestGateway shared(ExtensionContext context) {
      return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(TestGateway.class,
          key -> start(), TestGateway.class);
    }
  }
}
