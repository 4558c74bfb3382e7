package io.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiergate.lifecycle.migrate.LifecyclePolicy;
import io.tiergate.planner.manifest.TierManifest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code CALL tiergate.migrate('events')} through the driver on the demo, whose boundaries lag
 * their policy by days: the aged rows move hot to warm and warm to cold, and every query before,
 * during and after gives the same answer. Last in the run: it changes where the demo's rows are.
 */
@ExtendWith(TestGateway.Extension.class)
@Order(Integer.MAX_VALUE)
class MigrateThroughGatewayTest {
  /** Exact answers: a floating-point sum's last digits depend on the order rows come in. */
  private static final String ALL_TIME = "SELECT COUNT(*), COUNT(DISTINCT event_id), "
      + "ROUND(SUM(amount), 4), MIN(event_time), MAX(event_time) FROM events";

  @Test void migrateMovesTheAgedRowsAndNoQueryAnswerChanges(TestGateway tg) throws Exception {
    TierManifest before = tg.gateway().catalog().manifests().current("events");
    String answer = query(tg, ALL_TIME);
    assertThat(answer).startsWith(tg.demo().hot() + tg.demo().warm() + tg.demo().cold() + "|");

    // A dry run says what would move and moves nothing.
    List<String> planned = rows(tg, "CALL tiergate.migrate('events', TRUE)");
    assertThat(planned).anyMatch(r -> r.contains("HOT_TO_WARM") && r.contains("PLANNED"))
        .anyMatch(r -> r.contains("WARM_TO_COLD") && r.contains("PLANNED"));
    assertThat(tg.gateway().catalog().manifests().current("events").version())
        .isEqualTo(before.version());
    // The same through the command line tool.
    java.io.StringWriter out = new java.io.StringWriter();
    int exit = new picocli.CommandLine(new io.tiergate.server.cli.TiergateCommand())
        .setOut(new java.io.PrintWriter(out))
        .execute("migrate", "events", "--dry-run", "--url", tg.url(), "--user", "admin",
            "--password", "admin");
    assertThat(exit).isZero();
    assertThat(out.toString()).contains("HOT_TO_WARM").contains("WARM_TO_COLD")
        .contains("PLANNED").contains("(dry run)");
    assertThat(tg.gateway().catalog().manifests().current("events").version())
        .isEqualTo(before.version());

    // Readers all through the migration.
    AtomicBoolean migrating = new AtomicBoolean(true);
    ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    List<Thread> readers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Thread reader = new Thread(() -> {
        while (migrating.get()) {
          try {
            seen.add(query(tg, ALL_TIME));
          } catch (SQLException e) {
            seen.add("error: " + e.getMessage());
          }
        }
      });
      reader.start();
      readers.add(reader);
    }
    List<String> jobs;
    try {
      jobs = rows(tg, "CALL tiergate.migrate('events')");
    } finally {
      migrating.set(false);
      for (Thread reader : readers) {
        reader.join();
      }
    }
    assertThat(jobs).anyMatch(r -> r.contains("HOT_TO_WARM") && r.contains("DONE"))
        .anyMatch(r -> r.contains("WARM_TO_COLD") && r.contains("DONE"))
        .allMatch(r -> r.contains("DONE"));
    assertThat(seen).isNotEmpty().containsOnly(answer);
    assertThat(query(tg, ALL_TIME)).isEqualTo(answer);

    long now = System.currentTimeMillis();
    TierManifest after = tg.gateway().catalog().manifests().current("events");
    LifecyclePolicy policy = LifecyclePolicy.ADR_002;
    assertThat(after.hotFloor()).isEqualTo(policy.hotFloor(now)).isGreaterThan(before.hotFloor());
    assertThat(after.warmFloor()).isEqualTo(policy.warmFloor(now))
        .isGreaterThan(before.warmFloor());
    // The moved rows are in the warm and cold stores now, and gone from the old ones.
    assertThat(query(tg, "SELECT COUNT(*) FROM dynamodb.events WHERE event_time < TIMESTAMP '"
        + TestGateway.sqlTimestamp(after.hotFloor()) + "'")).isEqualTo("0");
    assertThat(query(tg, "SELECT COUNT(*) FROM redshift.events WHERE event_time < TIMESTAMP '"
        + TestGateway.sqlTimestamp(after.warmFloor()) + "'")).isEqualTo("0");
    assertThat(Long.parseLong(query(tg, "SELECT COUNT(*) FROM redshift.events WHERE event_time"
        + " >= TIMESTAMP '" + TestGateway.sqlTimestamp(before.hotFloor()) + "'")))
        .as("rows moved into the warm tier").isPositive();

    // tiergate.tiers shows the new boundaries.
    assertThat(query(tg, "SELECT COUNT(*) FROM tiergate.tiers WHERE table_name = 'events' AND "
        + "tier = 'hot' AND range_from = TIMESTAMP '" + TestGateway.sqlTimestamp(after.hotFloor())
        + "'")).isEqualTo("1");
    assertThat(query(tg, "SELECT COUNT(*) FROM tiergate.tiers WHERE table_name = 'events' AND "
        + "tier = 'warm' AND range_from = TIMESTAMP '"
        + TestGateway.sqlTimestamp(after.warmFloor()) + "' AND range_to = TIMESTAMP '"
        + TestGateway.sqlTimestamp(after.hotFloor()) + "'")).isEqualTo("1");
    assertThat(rows(tg, "SELECT job_id, transition, state, step, rows_done FROM tiergate.jobs"))
        .anyMatch(r -> r.contains("HOT_TO_WARM|DONE|DELETE"));
    // Nothing left to move: a second run moves no boundary.
    rows(tg, "CALL tiergate.migrate('events')");
    assertThat(tg.gateway().catalog().manifests().current("events").hotFloor())
        .isEqualTo(after.hotFloor());
    assertThat(query(tg, ALL_TIME)).isEqualTo(answer);
  }

  @Test void aReaderMayNotMigrate(TestGateway tg) throws SQLException {
    long version = tg.gateway().catalog().manifests().current("events").version();
    try (Connection reader = tg.connect(); Statement s = reader.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("CALL tiergate.migrate('events')"))
          .hasMessageContaining("Permission denied: CALL tiergate.migrate needs the admin role");
      assertThatThrownBy(() -> s.executeQuery("CALL tiergate.expire('events', TRUE)"))
          .hasMessageContaining("Permission denied: CALL tiergate.expire needs the admin role");
      // Reading the jobs is for everyone.
      s.executeQuery("SELECT * FROM tiergate.jobs").close();
    }
    assertThat(tg.gateway().catalog().manifests().current("events").version())
        .isEqualTo(version);
  }

  @Test void badInputIsRefusedNamingTheProblem(TestGateway tg) {
    assertThatThrownBy(() -> rows(tg, "CALL tiergate.migrate('nosuch')"))
        .hasMessageContaining("Table 'nosuch' has no lifecycle").hasMessageContaining("events");
    assertThatThrownBy(() -> rows(tg, "CALL tiergate.expire('sessions')"))
        .hasMessageContaining("Table 'sessions' has no lifecycle");
  }

  private static String query(TestGateway tg, String sql) throws SQLException {
    List<String> rows = rows(tg, sql);
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  private static List<String> rows(TestGateway tg, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    // As the admin: procedures need the role, and reads are the same for every user.
    try (Connection c = tg.connectAsAdmin(""); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }
}
