package io.tiergate.server;

import static io.tiergate.server.TestGateway.sqlTimestamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cost per query on the local stack, through the driver: EXPLAIN prices each tier branch and
 * the total, {@code max_cost_usd} refuses a cold query before Athena is asked anything and lets
 * a cheap hot one run, and {@code tiergate.queries} keeps each statement's estimate and actual.
 */
@ExtendWith(TestGateway.Extension.class)
class QueryCostEndToEndTest {
  private static final long DAY = 86_400_000L;
  private static final String REFUSED = "tiergate_queries_refused_total{reason=\"cost\"}";

  @Test void explainShowsTheCostOfEachTierAndTheTotal(TestGateway tg) throws SQLException {
    try (Connection c = tg.connect()) {
      String plan = TestGateway.explain(c, "SELECT COUNT(*) FROM events");
      assertThat(plan).containsPattern("tier=\\[hot\\].*cost_usd=\\[0\\.\\d+\\], "
          + "cost_basis=\\[dynamodb bytes=\\d+ rru=[\\d.]+\\]");
      assertThat(plan).containsPattern("tier=\\[warm\\].*cost_usd=\\[0\\.\\d+\\], "
          + "cost_basis=\\[redshift bytes=[1-9]\\d* seconds=[\\d.]+\\]");
      // The cold tier is priced by the stored size of its day partitions (hundreds of them).
      assertThat(plan).containsPattern("tier=\\[cold\\].*cost_usd=\\[0\\.\\d+\\], "
          + "cost_basis=\\[athena bytes=[1-9]\\d* partitions=[1-9]\\d\\d+\\]");
      assertThat(plan).containsPattern("EnumerableConcurrentUnion\\(all=\\[true\\], "
          + "total_cost_usd=\\[0\\.\\d+\\]\\)");
    }
  }

  @Test void maxCostRefusesAColdQueryBeforeAskingAthenaAndLetsACheapHotOneRun(TestGateway tg)
      throws Exception {
    var manifest = tg.demo().manifest();
    String cold = "SELECT COUNT(*) AS costly FROM events WHERE event_time < TIMESTAMP '"
        + sqlTimestamp(manifest.warmFloor() - DAY) + "'";
    String hot = "SELECT COUNT(*) AS cheap FROM events WHERE event_time >= TIMESTAMP '"
        + sqlTimestamp(manifest.hotFloor() + DAY) + "'";
    double athenaBefore = tg.storeRequests("athena");
    double refusedBefore = TestGateway.metricValue(tg.scrapeMetrics(), REFUSED);
    // Athena bills at least 10 MB a query ($0.0000477 at $5/TB): above this limit whatever the
    // partitions hold; the hot tier's few hundred rows cost a few read units ($0.000000125 each).
    try (Connection c = tg.connect("?max_cost_usd=0.00002"); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery(cold))
          .isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("54000");
            assertThat(e.getErrorCode()).isEqualTo(4102);
          })
          // Each cold branch (the cold tier is cut at its archived runs) is one Athena query.
          .hasMessageMatching("Query refused: estimated cost \\$0\\.000\\d+ exceeds .*")
          .hasMessageContaining("exceeds max_cost_usd=0.00002 (cold tier (athena: bytes=")
          .hasMessageContaining("Narrow the time range, or raise max_cost_usd");
      assertThat(tg.storeRequests("athena")).as("no Athena request for the refused query")
          .isEqualTo(athenaBefore);
      try (ResultSet rs = s.executeQuery(hot)) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isPositive();
      }
    }
    assertThat(TestGateway.metricValue(tg.scrapeMetrics(), REFUSED) - refusedBefore)
        .isEqualTo(1);

    try (Connection admin = tg.connectAsAdmin(""); Statement s = admin.createStatement();
        ResultSet rs = s.executeQuery("SELECT statement, status, estimated_cost_usd,"
            + " actual_cost_usd FROM tiergate.queries WHERE statement LIKE '%AS cheap%'"
            + " OR statement LIKE '%AS costly%' ORDER BY query_id")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("statement")).contains("AS costly");
      assertThat(rs.getString("status")).isEqualTo("refused");
      assertThat(rs.getDouble("estimated_cost_usd")).isGreaterThan(0.00002);
      assertThat(rs.getDouble("actual_cost_usd")).as("nothing was asked").isZero();
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("statement")).contains("AS cheap");
      assertThat(rs.getString("status")).isEqualTo("ok");
      assertThat(rs.getDouble("estimated_cost_usd")).isPositive().isLessThan(0.00002);
      assertThat(rs.getDouble("actual_cost_usd")).isPositive();
    }
  }

  @Test void aMaxCostThatIsNotANumberIsRefusedAtConnectNamingTheOption(TestGateway tg) {
    assertThatThrownBy(() -> tg.connect("?max_cost_usd=abc"))
        .hasMessageContaining("Connection option max_cost_usd='abc' is not a number");
    assertThatThrownBy(() -> tg.connect("?max_cost_usd=-1"))
        .hasMessageContaining("Connection option max_cost_usd='-1' is negative");
  }
}
