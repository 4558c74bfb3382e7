package io.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The local gateway's read-through cache (on in tiergate-local.yaml): a point lookup of a hot
 * event through the driver is answered from Redis the second time, and EXPLAIN says so.
 */
@ExtendWith(TestGateway.Extension.class)
class HotCacheEndToEndTest {
  @Test void aRepeatedPointLookupIsAnsweredFromRedis(TestGateway tg) throws Exception {
    long from = tg.demo().manifest().hotFloor() + 86_400_000L;
    List<Object[]> hot = new ArrayList<>();
    tg.dataset().forEachEvent(row -> {
      if (hot.isEmpty() && (Long) row[2] >= from) {
        hot.add(row.clone());
      }
    });
    Object[] event = hot.get(0);
    // With its milliseconds, which SqlTimestamp leaves out.
    String time = java.time.LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(
        (Long) event[2]), java.time.ZoneOffset.UTC).format(
        java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS"));
    String sql = "SELECT kind FROM events WHERE tenant_id = '" + event[0] + "' AND event_id = '"
        + event[1] + "' AND event_time = TIMESTAMP '" + time + "'";
    try (Connection c = tg.connect(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
        rs.next();
        assertThat(rs.getString(1)).contains("request=[read-through cache (Redis, ttl PT5M,"
            + " max staleness PT2S), on a miss GetItem: GetItemRequest(TableName=events,");
      }
      assertThat(kinds(s, sql)).containsExactly((String) event[3]);
      double dynamo = tg.storeRequests("dynamodb");
      double hits = hits(tg);
      assertThat(kinds(s, sql)).containsExactly((String) event[3]);
      assertThat(tg.storeRequests("dynamodb")).isEqualTo(dynamo);
      assertThat(hits(tg)).isEqualTo(hits + 1);
    }
  }

  private static double hits(TestGateway tg) {
    return tg.gateway().metrics().get("tiergate.hot.cache.lookups").tag("table", "events")
        .tag("result", "hit").counter().count();
  }

  private static List<String> kinds(Statement s, String sql) throws SQLException {
    List<String> kinds = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        kinds.add(rs.getString(1));
      }
    }
    return kinds;
  }
}
