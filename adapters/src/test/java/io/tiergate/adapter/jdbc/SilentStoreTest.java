package io.tiergate.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tiergate.adapter.AdmissionGate;
import io.tiergate.adapter.AdmissionLimits;
import io.tiergate.adapter.StoreRequests;
import io.tiergate.adapter.StoreSaturatedException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A SQL store whose host accepts connections and then never answers (a hung process, a
 * half-open network path): the query fails within 5 s, naming the store and its host:port,
 * through the pooled DataSource the gateway uses, with each driver the gateway uses.
 */
class SilentStoreTest {
  private ServerSocket silent;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();

  /**
   * Loads the Trino driver's HTTP client with a refused connection first, so that the 5 s
   * measured below are the store's timeouts, not a cold JVM's class loading (seconds on a
   * loaded machine, paid by whichever test runs first).
   */
  @BeforeAll static void warmUpTrinoDriver() {
    try (Connection c = java.sql.DriverManager.getConnection(
        "jdbc:trino://127.0.0.1:1/hive?timeout=1s", "tiergate", null);
        Statement s = c.createStatement()) {
      s.executeQuery("SELECT 1");
    } catch (SQLException refused) {
      // expected: nothing listens on port 1
    }
  }

  @BeforeEach void listen() throws IOException {
    silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(() -> {
      try {
        while (true) {
          accepted.add(silent.accept()); // kept open, never answered
        }
      } catch (IOException closed) {
        // the test is over
      }
    }, "silent-store");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach void close() throws IOException {
    silent.close();
    for (Socket socket : accepted) {
      socket.close();
    }
  }

  private void failsWithinFiveSeconds(String store, String driver, String url) {
    failsWithinFiveSeconds(store, driver, url, null);
  }

  private void failsWithinFiveSeconds(String store, String driver, String url,
      AdmissionGate gate) {
    String address = "127.0.0.1:" + silent.getLocalPort();
    DataSource dataSource = JdbcStoreSchemas.pooled(store, driver, url, "tiergate", null,
        new StoreRequests(new SimpleMeterRegistry()), address, null, gate);
    long start = System.nanoTime();
    assertThatThrownBy(() -> {
      try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
        s.executeQuery("SELECT 1").next();
      }
    }).isInstanceOf(SQLException.class).isNotInstanceOf(StoreSaturatedException.class)
        .hasMessageContaining(store + " at " + address);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test void redshiftOnPgJdbc() {
    failsWithinFiveSeconds("redshift", "org.postgresql.Driver",
        "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/dev");
  }

  /**
   * Admission control does not turn a dead store into a busy one: a query with a free turn
   * still fails as unreachable within 5 s, and its turn is given back.
   */
  @Test void athenaOnTrinoJdbcBehindAnAdmissionGate() throws Exception {
    AdmissionGate gate = new AdmissionGate("athena",
        new AdmissionLimits(1, 0, Duration.ofSeconds(30)), () -> "", new SimpleMeterRegistry());
    failsWithinFiveSeconds("athena", "io.trino.jdbc.TrinoDriver",
        "jdbc:trino://127.0.0.1:" + silent.getLocalPort() + "/hive", gate);
    gate.enter("next").close(); // with queue 0, this would be refused if the turn were kept
  }

  @Test void athenaOnTrinoJdbc() {
    failsWithinFiveSeconds("athena", "io.trino.jdbc.TrinoDriver",
        "jdbc:trino://127.0.0.1:" + silent.getLocalPort() + "/hive");
  }
}
