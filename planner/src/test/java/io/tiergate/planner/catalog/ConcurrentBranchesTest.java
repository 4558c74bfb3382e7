package io.tiergate.planner.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiergate.planner.manifest.Tier;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The branches of a tiered scan are read at the same time, not one store after another. */
class ConcurrentBranchesTest extends TieredTableTest {

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
