package io.tiergate.planner.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiergate.planner.cost.CostLimitExceededException;
import io.tiergate.planner.cost.QueryCosting;
import io.tiergate.planner.cost.QueryPrices;
import io.tiergate.planner.cost.StoredBytes;
import io.tiergate.planner.manifest.Tier;
import io.tiergate.planner.rules.ArchivedMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Plans priced as the gateway prices them: EXPLAIN shows each tier's cost and the total, and
 * max_cost_usd refuses a query above it before any store is read.
 */
class QueryCostPlanTest extends TieredTableFixture {
  private static final long MIB = 1024 * 1024;
  /** The cold store's days: 80 MiB each, 2 objects each, as a listing would report them. */
  private static final QueryCosting COSTING = new QueryCosting(QueryPrices.AWS_LIST,
      (table, range) -> {
        assertThat(table).isIn(List.of("cold", "events"), List.of("warm", "events"));
        long days = 0;
        for (var slice : range.slices()) {
          days += (Math.min(slice.toExclusive(), WARM_FLOOR)
              - Math.max(slice.fromInclusive(), COLD_FLOOR)) / DAY;
        }
        return new StoredBytes(days * 80 * MIB, (int) days, days * 2);
      }, false);

  @Test void explainShowsTheCostOfEachTierAndTheirTotal() throws Exception {
    String plan;
    try (Connection c = connect(ArchivedMode.FAIL, COSTING, null); Statement s =
        c.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR SELECT * FROM events"
            + " WHERE t >= TIMESTAMP '1970-01-01 00:00:00' AND t < TIMESTAMP '1970-01-31 00:00:00'"
            + " OR t >= TIMESTAMP '1970-07-20 00:00:00'")) {
      rs.next();
      plan = rs.getString(1);
    }
    // 30 cold days of 80 MiB: 2,400 MiB of a TB at $5.
    assertThat(plan).contains("cost_usd=[0.0114], cost_basis=[athena bytes=2516582400"
        + " partitions=30]");
    // The hot branch's 50 estimated rows of 28 bytes: one 4 KB unit, eventually consistent.
    assertThat(plan).contains("cost_usd=[0.000000125], cost_basis=[dynamodb bytes=1400"
        + " rru=0.5]");
    assertThat(plan).contains("EnumerableConcurrentUnion(all=[true], total_cost_usd=[0.0114])");
  }

  @Test void aQueryAboveMaxCostIsRefusedNamingTheTierBeforeAnyStoreIsRead() throws Exception {
    String coldMonth = "SELECT COUNT(*) FROM events WHERE t < TIMESTAMP '1970-01-31 00:00:00'";
    try (Connection c = connect(ArchivedMode.FAIL, COSTING, "0.01");
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery(coldMonth))
          .isInstanceOf(SQLException.class)
          .hasRootCauseInstanceOf(CostLimitExceededException.class)
          .rootCause().hasMessageStartingWith("Query refused: estimated cost $0.0114 exceeds"
              + " max_cost_usd=0.01 (cold tier (athena: bytes=2516582400 partitions=30)");
      assertThat(stores.values()).allSatisfy(store -> assertThat(store.scans).hasValue(0));
    }
    try (Connection c = connect(ArchivedMode.FAIL, COSTING, "0.02");
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(coldMonth)) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(3);
      assertThat(stores.get(Tier.COLD).scans).hasValue(1);
    }
  }
}
