package io.tiergate.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tiergate.adapter.StoreRequests;
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
    String address = "127.0.0.1:" + silent.getLocalPort();
    DataSource dataSource = JdbcStoreSchemas.pooled(store, driver, url, "tiergate", null,
        new StoreRequests(new SimpleMeterRegistry()), address);
    long start = System.nanoTime();
    assertThatThrownBy(() -> {
      try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
        s.executeQuery("SELECT 1").next();
      }
    }).isInstanceOf(SQLException.class).hasMessageContaining(store + " at " + address);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test void redshiftOnPgJdbc() {
    failsWithinFiveSeconds("redshift", "org.postgresql.Driver",
        "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/dev");
  }

  @Test void athenaOnTrinoJdbc() {
    failsWithinFiveSeconds("athena", "io.trino.jdbc.TrinoDriver",
        "jdbc:trino://127.0.0.1:" + silent.getLocalPort() + "/hive");
  }
}
