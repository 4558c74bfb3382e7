import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * The queries .ci/fresh-start runs through the shaded driver against ./tiergate local, as a new
 * user would: a count per tier, a Redis table, a system table, and a prepared statement with a
 * timestamp bound from a client JVM that is not on UTC. Run as a single source file:
 * java -cp driver/target/tiergate-jdbc-VERSION.jar .ci/FreshStartQueries.java URL
 */
public class FreshStartQueries {
  public static void main(String[] args) throws Exception {
    String url = args[0];
    Instant now = Instant.now();
    int failures = 0;
    try (Connection c = DriverManager.getConnection(url + "?user=admin&password=admin")) {
      failures += positive(c, "hot tier (DynamoDB)", "SELECT COUNT(*) FROM events WHERE "
          + "event_time >= CURRENT_TIMESTAMP - INTERVAL '7' DAY");
      failures += positive(c, "warm tier (Redshift)", "SELECT COUNT(*) FROM events WHERE "
          + "event_time BETWEEN CURRENT_TIMESTAMP - INTERVAL '200' DAY AND "
          + "CURRENT_TIMESTAMP - INTERVAL '100' DAY");
      failures += positive(c, "cold tier (Athena, Glacier Instant Retrieval)",
          "SELECT COUNT(*) FROM events WHERE event_time BETWEEN CURRENT_TIMESTAMP - INTERVAL"
              + " '600' DAY AND CURRENT_TIMESTAMP - INTERVAL '450' DAY");
      failures += positive(c, "Redis hash table", "SELECT COUNT(*) FROM sessions");
      failures += positive(c, "Redis sorted-set table", "SELECT COUNT(*) FROM metrics");
      failures += positive(c, "system table", "SELECT COUNT(*) FROM tiergate.tiers");
      try (PreparedStatement p = c.prepareStatement(
          "SELECT COUNT(*) FROM events WHERE event_time >= ?")) {
        p.setTimestamp(1, Timestamp.from(now.minus(Duration.ofDays(300))));
        failures += positive("hot and warm, a bound timestamp (client zone "
            + java.util.TimeZone.getDefault().getID() + ")", p.executeQuery());
      }
    }
    if (failures > 0) {
      System.err.println(failures + " fresh-start queries failed");
      System.exit(1);
    }
  }

  private static int positive(Connection c, String what, String sql) {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return positive(what, rs);
    } catch (SQLException e) {
      System.err.println("FAILED " + what + ": " + sql + "\n  " + e.getMessage());
      return 1;
    }
  }

  private static int positive(String what, ResultSet rs) throws SQLException {
    rs.next();
    long n = rs.getLong(1);
    System.out.println((n > 0 ? "ok     " : "FAILED ") + what + ": " + n + " rows");
    return n > 0 ? 0 : 1;
  }
}
