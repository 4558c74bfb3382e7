package io.tiergate.planner.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiergate.planner.manifest.Tier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The branches of a tiered scan are read at the same time, not one store after another. */
class ConcurrentBranchesTest extends TieredTableFixture {

  @Test @Timeout(60) void everyStoreIsReadWhileTheOthersAreStillBusy() throws Exception {
    // Each store waits until all three are open: read one after another, the first would wait
    // for the others forever (and fail after 20 s).
    CountDownLatch allOpen = new CountDownLatch(3);
    for (Tier tier : Tier.values()) {
      stores.get(tier).onOpen = () -> {
        allOpen.countDown();
        try {
          if (!allOpen.await(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException(tier + " was read alone");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      };
    }
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*), MIN(t), MAX(t) FROM events")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(10 + 11 + 11);
    }
    assertThat(explain("SELECT * FROM events")).contains("EnumerableConcurrentUnion");
  }

  @Test @Timeout(60) void aBranchLeftAloneByItsBindValuesIsReadOnTheCallersThread()
      throws Exception {
    Map<Tier, String> readBy = new ConcurrentHashMap<>();
    for (Tier tier : Tier.values()) {
      stores.get(tier).onOpen = () -> readBy.put(tier, Thread.currentThread().getName());
    }
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
        "SELECT id FROM events WHERE t >= ? AND t < ?")) {
      // Hot days only: the warm and cold guards say no before any reader starts.
      ps.setTimestamp(1, ts(250 * DAY), UTC);
      ps.setTimestamp(2, ts(270 * DAY), UTC);
      assertThat(ids(ps)).hasSize(2);
      assertThat(readBy).containsOnlyKeys(Tier.HOT);
      assertThat(readBy.get(Tier.HOT)).isEqualTo(Thread.currentThread().getName());

      // Warm and hot: both at once, each on a reader of its own.
      readBy.clear();
      ps.setTimestamp(1, ts(150 * DAY), UTC);
      assertThat(ids(ps)).hasSize(5 + 8); // warm 150..190; hot 200..260 and its edge row
      assertThat(readBy).containsOnlyKeys(Tier.WARM, Tier.HOT);
      assertThat(readBy.values()).allSatisfy(thread ->
          assertThat(thread).startsWith("tiergate-branch-"));

      // Nothing left: no store is asked.
      readBy.clear();
      ps.setTimestamp(1, ts(-10 * DAY), UTC);
      ps.setTimestamp(2, ts(-DAY), UTC);
      assertThat(ids(ps)).isEmpty();
      assertThat(readBy).isEmpty();
    }
  }

  private static List<String> ids(PreparedStatement ps) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  @Test @Timeout(60) void aFailingStoreFailsTheQueryWithItsOwnError() throws Exception {
    stores.get(Tier.WARM).onOpen = () -> {
      throw new IllegalStateException("warm store at 10.0.0.7:5439 is unreachable");
    };
    try (Connection c = connect(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> {
        try (ResultSet rs = s.executeQuery("SELECT id FROM events")) {
          while (rs.next()) {
            rs.getString(1);
          }
        }
      }).hasStackTraceContaining("10.0.0.7:5439");
    }
  }

  @Test @Timeout(60) void aLimitStopsTheReadersEarly() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM events FETCH FIRST 2 ROWS ONLY")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.next()).isTrue();
      assertThat(rs.next()).isFalse();
    }
  }
}
