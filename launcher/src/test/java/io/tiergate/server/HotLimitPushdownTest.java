package io.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A LIMIT over the tiered {@code events} reaches the hot branch's DynamoDB request: the plan
 * shows DynamoDbLimit and a request with {@code Limit}, and the rows are those of the data.
 * A LIMIT on one {@code metrics} series (Redis) reaches its ZRANGEBYSCORE the same way.
 */
@ExtendWith(TestGateway.Extension.class)
class HotLimitPushdownTest {
  private static final String TENANT = "tenant-07";

  /** The first {@code n} times of the tenant's events at or after {@code from}, ascending. */
  private static List<Long> firstTimes(TestGateway tg, long from, int n) {
    List<Long> times = new ArrayList<>();
    tg.dataset().forEachEvent(row -> {
      if (TENANT.equals(row[0]) && (Long) row[2] >= from) {
        times.add((Long) row[2]);
      }
    });
    return times.stream().sorted().limit(n).toList();
  }

  private static List<Long> times(ResultSet rs) throws SQLException {
    List<Long> times = new ArrayList<>();
    while (rs.next()) {
      assertThat(rs.getString(1)).isEqualTo(TENANT);
      times.add(rs.getTimestamp(3, Calendar.getInstance(TimeZone.getTimeZone("UTC"))).getTime());
    }
    return times;
  }

  @Test void aTenantsTopTenByTimeIsOneQueryPageOfTen(TestGateway tg) throws Exception {
    long from = tg.demo().manifest().hotFloor() + 86_400_000L;
    String sql = "SELECT tenant_id, event_id, event_time FROM events WHERE tenant_id = '"
        + TENANT + "' AND event_time >= TIMESTAMP '" + TestGateway.sqlTimestamp(from)
        + "' ORDER BY event_time LIMIT 10";
    try (Connection c = tg.connect()) {
      assertThat(TestGateway.explain(c, sql)).contains("DynamoDbLimit(fetch=[10], order=[time])")
          .containsPattern("TierGuard\\(tier=\\[hot\\].*request=\\[Query: QueryRequest\\("
              + "TableName=events, Limit=10, .*KeyConditionExpression=#pk = :pk AND #sk >= :from");
      double before = tg.storeRequests("dynamodb");
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        assertThat(times(rs)).hasSize(10).isEqualTo(firstTimes(tg, from, 10));
      }
      assertThat(tg.storeRequests("dynamodb") - before).isEqualTo(1.0); // one page of 10
    }
  }

  @Test void aPlainLimitLimitsTheHotScanPages(TestGateway tg) throws Exception {
    long from = tg.demo().manifest().hotFloor();
    String sql = "SELECT tenant_id, event_id, event_time FROM events WHERE event_time >= "
        + "TIMESTAMP '" + TestGateway.sqlTimestamp(from) + "' LIMIT 10";
    try (Connection c = tg.connect()) {
      assertThat(TestGateway.explain(c, sql)).contains("DynamoDbLimit(fetch=[10])")
          .containsPattern("request=\\[parallel Scan, 4 segments: ScanRequest\\("
              + "TableName=events, Limit=10, ");
      int rows = 0;
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          rows++;
        }
      }
      assertThat(rows).isEqualTo(10);
    }
  }

  private static List<Long> metricTimes(Connection c, String sql) throws SQLException {
    List<Long> times = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        times.add(rs.getTimestamp(1, Calendar.getInstance(TimeZone.getTimeZone("UTC"))).getTime());
      }
    }
    return times;
  }

  @Test void aLimitOnOneMetricsSeriesIsSentWithZrangebyscore(TestGateway tg) throws Exception {
    String series = "FROM metrics WHERE name = 'cpu.web-1'";
    try (Connection c = tg.connect()) {
      String sql = "SELECT ts, value " + series + " ORDER BY ts LIMIT 5";
      assertThat(TestGateway.explain(c, sql)).contains("RedisLimit(fetch=[5], order=[time])")
          .contains("request=[ZRANGEBYSCORE metric:cpu.web-1 -inf +inf WITHSCORES LIMIT 0 5]");
      // a filter on the value keeps the LIMIT in the gateway: the same first five
      assertThat(metricTimes(c, sql)).hasSize(5).isSorted().isEqualTo(metricTimes(c,
          "SELECT ts, value " + series + " AND value > -1e300 ORDER BY ts LIMIT 5"));
    }
  }
}
