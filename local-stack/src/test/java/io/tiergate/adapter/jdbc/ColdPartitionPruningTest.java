package io.tiergate.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiergate.local.LocalStack;
import io.tiergate.local.LocalStackExtension;
import io.tiergate.local.TrinoStandIn;
import io.trino.jdbc.QueryStats;
import io.trino.jdbc.TrinoResultSet;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partition pruning on the cold table ({@code hive.archive.events}, day partitions {@code dt}
 * under s3://tiergate-cold/events/), measured by Trino's own query statistics: a query bounded
 * to one day by its {@code dt} predicate reads that day's files only; the same bound on
 * {@code event_time} alone reads every partition, which is why the planner adds the {@code dt}
 * predicate to cold branches.
 */
@ExtendWith(LocalStackExtension.class)
class ColdPartitionPruningTest {
  private static final Logger LOG = LoggerFactory.getLogger(ColdPartitionPruningTest.class);

  /** The statistics and the single-row answer of a query. */
  private record Measured(String answer, QueryStats stats) {
  }

  private static Measured run(Statement statement, String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      String answer = rs.getString(1) + "|" + rs.getString(2);
      assertThat(rs.next()).isFalse();
      return new Measured(answer, rs.unwrap(TrinoResultSet.class).getStats());
    }
  }

  @Test void aDayBoundedQueryReadsOneDaysFiles(LocalStack stack) throws SQLException {
    DemoOnce.load(stack);
    try (Connection trino = DriverManager.getConnection(stack.trinoJdbcUrl(), TrinoStandIn.USER,
        null); Statement statement = trino.createStatement()) {
      String day;
      long dayRows;
      try (ResultSet rs = statement.executeQuery("SELECT dt, count(*) FROM hive.archive.events"
          + " GROUP BY dt ORDER BY count(*) DESC, dt LIMIT 1")) {
        assertThat(rs.next()).isTrue();
        day = rs.getString(1);
        dayRows = rs.getLong(2);
      }
      String bounds = "event_time >= TIMESTAMP '" + day + " 00:00:00' AND event_time < "
          + "TIMESTAMP '" + day + " 00:00:00' + INTERVAL '1' DAY";

      Measured all = run(statement, "SELECT count(*), sum(amount) FROM hive.archive.events");
      Measured pruned = run(statement, "SELECT count(*), sum(amount) FROM hive.archive.events"
          + " WHERE dt = '" + day + "' AND " + bounds);
      Measured unpruned = run(statement, "SELECT count(*), sum(amount)"
          + " FROM hive.archive.events WHERE " + bounds);
      LOG.info("cold day {}: all time read {} rows / {} bytes; dt-pruned {} rows / {} bytes;"
          + " event_time only {} rows / {} bytes", day,
          all.stats().getProcessedRows(), all.stats().getPhysicalInputBytes(),
          pruned.stats().getProcessedRows(), pruned.stats().getPhysicalInputBytes(),
          unpruned.stats().getProcessedRows(), unpruned.stats().getPhysicalInputBytes());

      long total = Long.parseLong(all.answer().split("\\|")[0]);
      assertThat(total).isGreaterThan(1_000);
      assertThat(pruned.answer()).isEqualTo(unpruned.answer()).startsWith(dayRows + "|");
      // Pruned: exactly the day's rows were read, from a small fraction of the bytes.
      assertThat(pruned.stats().getProcessedRows()).isEqualTo(dayRows);
      assertThat(all.stats().getProcessedRows()).isEqualTo(total);
      assertThat(pruned.stats().getPhysicalInputBytes()).isPositive()
          .isLessThan(all.stats().getPhysicalInputBytes() / 50);
      // The time bound alone prunes no partition: every day's file is opened (Parquet
      // statistics may skip its data, but not its footer).
      assertThat(unpruned.stats().getPhysicalInputBytes())
          .isGreaterThan(pruned.stats().getPhysicalInputBytes() * 50);
    }
  }
}
