package io.tiergate.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostgresStandInTest {

  @Test
  void createInsertSelectInTheDevDatabaseAndThePostmasterIsGoneAfterClose() throws SQLException {
    long postmasterPid;
    try (PostgresStandIn postgres = PostgresStandIn.start(TestDirs.of("postgres"))) {
      postmasterPid = postgres.postmasterPid().orElseThrow();
      assertThat(postgres.jdbcUrl()).endsWith("/dev");
      try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE orders_warm (id VARCHAR(16) PRIMARY KEY, amount DECIMAL(12,2))");
        statement.executeUpdate("INSERT INTO orders_warm VALUES ('o-1', 42.50), ('o-2', 7.25)");

        try (ResultSet rs = statement.executeQuery("SELECT current_database(), SUM(amount) FROM orders_warm")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("dev");
          assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("49.75");
        }
      }
    }
    // isRunning, not isAlive: the exited postmaster is PID 1's zombie until PID 1 gets round to
    // reaping it, and isAlive() counts zombies (see ChildProcesses.isRunning).
    assertThat(ProcessHandle.of(postmasterPid).filter(ChildProcesses::isRunning)).isEqualTo(Optional.empty());
  }
}
