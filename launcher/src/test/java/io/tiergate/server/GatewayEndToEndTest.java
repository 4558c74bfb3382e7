package io.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiergate.planner.manifest.Tier;
import io.tiergate.planner.manifest.TierManifest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SQL through the JDBC driver against the gateway on the real local engines. */
@ExtendWith(TestGateway.Extension.class)
class GatewayEndToEndTest {

  @Test void eventsIsTheUnionOfItsTiersWithEachRowOnce(TestGateway tg) throws Exception {
    Map<Tier, Long> expected = new HashMap<>();
    TierManifest manifest = tg.demo().manifest();
    tg.dataset().forEachEvent(row -> expected.merge(manifest.tierOf((Long) row[2]), 1L,
        Long::sum));
    try (Connection c = tg.connect()) {
      assertThat(single(c, "SELECT COUNT(*) FROM events")).isEqualTo((long) TestGateway.ROWS);
      assertThat(single(c, "SELECT COUNT(*) FROM dynamodb.events"))
          .isEqualTo(expected.get(Tier.HOT)).isPositive();
      assertThat(single(c, "SELECT COUNT(*) FROM redshift.events"))
          .isEqualTo(expected.get(Tier.WARM)).isPositive();
      assertThat(single(c, "SELECT COUNT(*) FROM athena.events"))
          .isEqualTo(expected.get(Tier.COLD)).isPositive();
      assertThat(single(c, "SELECT COUNT(DISTINCT tenant_id || '/' || event_id) FROM events"))
          .isEqualTo((long) TestGateway.ROWS);
    }
  }

  @Test void aggregatesAcrossTiersMatchTheGeneratedData(TestGateway tg) throws Exception {
    Map<String, long[]> expected = new TreeMap<>();
    tg.dataset().forEachEvent(row -> {
      long[] acc = expected.computeIfAbsent((String) row[3], k -> new long[2]);
      acc[0]++;
      if (row[4] != null) {
        acc[1] += Math.round((Double) row[4] * 100);
      }
    });
    Map<String, long[]> actual = new TreeMap<>();
    try (Connection c = tg.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT kind, COUNT(*), SUM(amount) FROM events "
            + "GROUP BY kind")) {
      while (rs.next()) {
        actual.put(rs.getString(1), new long[] {rs.getLong(2), Math.round(rs.getDouble(3) * 100)});
      }
    }
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach((kind, acc) -> assertThat(actual.get(kind)).as(kind).containsExactly(acc));
  }

  @Test void timesRoundTripExactlyFromEveryTier(TestGateway tg) throws Exception {
    // The newest and oldest events: one from DynamoDB, one from the Athena stand-in.
    long[] minMax = {Long.MAX_VALUE, Long.MIN_VALUE};
    tg.dataset().forEachEvent(row -> {
      minMax[0] = Math.min(minMax[0], (Long) row[2]);
      minMax[1] = Math.max(minMax[1], (Long) row[2]);
    });
    try (Connection c = tg.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT MIN(event_time), MAX(event_time) FROM events")) {
      rs.next();
      java.util.Calendar utc = java.util.Calendar.getInstance(
          java.util.TimeZone.getTimeZone("UTC"));
      assertThat(rs.getTimestamp(1, utc).getTime()).isEqualTo(minMax[0]);
      assertThat(rs.getTimestamp(2, utc).getTime()).isEqualTo(minMax[1]);
    }
  }

  @Test void redisTables(TestGateway tg) throws Exception {
    try (Connection c = tg.connect()) {
      assertThat(single(c, "SELECT COUNT(*) FROM sessions")).isEqualTo(2_000L);
      assertThat(single(c, "SELECT COUNT(*) FROM metrics WHERE name = 'cpu.web-1'"))
          .isEqualTo(24L * 60);
      // The README's example: a column named like a keyword, as BI tools write it.
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT name, MAX(value) FROM metrics GROUP BY name")) {
        int series = 0;
        while (rs.next()) {
          assertThat(rs.getString(1)).isNotBlank();
          series++;
        }
        assertThat(series).isEqualTo(8);
      }
      assertThat(single(c, "SELECT COUNT(*) FROM sessions WHERE expires_at > CURRENT_TIMESTAMP"))
          .isEqualTo(2_000L);
    }
  }

  @Test void jsonSerializationToo(TestGateway tg) throws Exception {
    try (Connection c = tg.connect("?serialization=json")) {
      assertThat(single(c, "SELECT COUNT(*) FROM dynamodb.events")).isPositive();
    }
  }

  @Test void metricsCountNativeRequestsPerStore(TestGateway tg) throws Exception {
    double dynamo = tg.storeRequests("dynamodb");
    double redshift = tg.storeRequests("redshift");
    double athena = tg.storeRequests("athena");
    double redis = tg.storeRequests("redis");
    try (Connection c = tg.connect()) {
      single(c, "SELECT COUNT(*) FROM events");
      single(c, "SELECT COUNT(*) FROM sessions");
    }
    assertThat(tg.storeRequests("dynamodb")).isGreaterThan(dynamo);
    assertThat(tg.storeRequests("redshift")).isGreaterThan(redshift);
    assertThat(tg.storeRequests("athena")).isGreaterThan(athena);
    assertThat(tg.storeRequests("redis")).isGreaterThan(redis);

    HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + tg.gateway().port() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(scrape.statusCode()).isEqualTo(200);
    for (String store : new String[] {"dynamodb", "redis", "redshift", "athena", "s3"}) {
      assertThat(scrape.body()).containsPattern(
          "tiergate_store_requests_total\\{[^}]*store=\"" + store + "\"[^}]*} \\d");
    }
  }

  /** Each store's requests timed by operation; the JVM's and the pools' standard meters. */
  @Test void metricsTimeEachStoresRequestsByOperation(TestGateway tg) throws Exception {
    try (Connection c = tg.connect()) {
      single(c, "SELECT COUNT(*) FROM events");
      single(c, "SELECT COUNT(*) FROM sessions");
    }
    String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + tg.gateway().port() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    String[][] expected = {{"dynamodb", "(Scan|Query)"}, {"redshift", "SELECT"},
        {"athena", "SELECT"}, {"redis", "[A-Z]+"}};
    for (String[] store : expected) {
      assertThat(body).containsPattern("tiergate_store_request_seconds_count\\{operation=\""
          + store[1] + "\",outcome=\"ok\",store=\"" + store[0] + "\"} [1-9]");
      assertThat(body).containsPattern("tiergate_store_request_seconds_bucket\\{operation=\""
          + store[1] + "\",outcome=\"ok\",store=\"" + store[0] + "\",le=\"[^\"]+\"}");
    }
    assertThat(body).contains("jvm_memory_used_bytes{", "jvm_gc_", "process_cpu_usage",
        "hikaricp_connections{pool=\"redshift\"}", "hikaricp_connections{pool=\"athena\"}");
  }

  @Test void metricsShowEachTiersStorageAndHowFarItsBoundaryLags(TestGateway tg)
      throws Exception {
    String body = scrape(tg);
    // The storage of every tier, as tiergate.tiers measures it, with its monthly cost.
    try (Connection c = tg.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT tier, storage_class, range_from FROM tiergate.tiers"
            + " WHERE table_name = 'events'")) {
      int tiers = 0;
      while (rs.next()) {
        tiers++;
        String series = "{storage_class=\"" + (rs.getString(2) == null ? "none" : rs.getString(2))
            + "\",table=\"events\",tier=\"" + rs.getString(1) + "\"} ";
        assertThat(body).as(series).containsPattern(java.util.regex.Pattern.quote(
            "tiergate_tier_rows" + series) + "[1-9]");
        assertThat(body).containsPattern(java.util.regex.Pattern.quote(
            "tiergate_tier_bytes" + series) + "[1-9]");
        assertThat(body).containsPattern(java.util.regex.Pattern.quote(
            "tiergate_tier_monthly_cost_usd" + series) + "\\d");
        if (rs.getString(1).equals("hot")) {
          // Policy: 30 days hot. The lag is how far the hot boundary is behind the midnight
          // 30 days ago: three days on the demo, less once a test has migrated.
          long due = Math.floorDiv(System.currentTimeMillis() - 30 * 86_400_000L, 86_400_000L)
              * 86_400_000L;
          long lagSeconds = Math.max(0, due - rs.getTimestamp(3, utc()).getTime()) / 1000;
          assertThat(body).contains("tiergate_tier_boundary_lag_seconds{table=\"events\","
              + "tier=\"hot\"} " + (double) lagSeconds);
        }
      }
      assertThat(tiers).as("hot, warm and a cold row per storage class").isGreaterThan(3);
    }
    assertThat(body).containsPattern("tiergate_tier_boundary_lag_seconds\\{table=\"events\","
        + "tier=\"(warm|cold)\"} \\d");
  }

  private static String scrape(TestGateway tg) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + tg.gateway().port() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test void lastWeekIsAnsweredByDynamoDbAlone(TestGateway tg) throws Exception {
    long weekAgo = tg.dataset().nowMillis() - 7 * 86_400_000L;
    long[] expected = {0};
    tg.dataset().forEachEvent(row -> expected[0] += (Long) row[2] >= weekAgo ? 1 : 0);
    double redshift = tg.storeRequests("redshift");
    double athena = tg.storeRequests("athena");
    double dynamo = tg.storeRequests("dynamodb");
    try (Connection c = tg.connect()) {
      try (java.sql.PreparedStatement ps = c.prepareStatement(
          "SELECT COUNT(*) FROM events WHERE event_time >= ?")) {
        ps.setTimestamp(1, new java.sql.Timestamp(weekAgo), utc());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          assertThat(rs.getLong(1)).isEqualTo(expected[0]).isPositive();
        }
      }
      assertThat(single(c, "SELECT COUNT(*) FROM events "
          + "WHERE event_time >= CURRENT_TIMESTAMP - INTERVAL '7' DAY")).isPositive();
      String literal = java.time.LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(weekAgo),
          java.time.ZoneOffset.UTC).toString().replace('T', ' ');
      String plan = explain(c, "SELECT COUNT(*) FROM events WHERE event_time >= TIMESTAMP '"
          + literal.substring(0, 19) + "'");
      assertThat(plan).contains("dynamodb").doesNotContain("redshift").doesNotContain("athena")
          .containsPattern("TierGuard\\(tier=\\[hot\\].*request=\\[parallel Scan, 4 segments:"
              + " ScanRequest\\(TableName=events,"
              + " ProjectionExpression=#c2");
    }
    assertThat(tg.storeRequests("dynamodb")).isGreaterThan(dynamo);
    assertThat(tg.storeRequests("redshift")).isEqualTo(redshift);
    assertThat(tg.storeRequests("athena")).isEqualTo(athena);
  }

  @Test void aTenantsHotRowsAreOneDynamoDbQuery(TestGateway tg) throws Exception {
    long from = tg.demo().manifest().hotFloor() + 86_400_000L;
    long[] expected = {0};
    tg.dataset().forEachEvent(row -> expected[0] += "tenant-07".equals(row[0])
        && (Long) row[2] >= from ? 1 : 0);
    String literal = java.time.LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(from),
        java.time.ZoneOffset.UTC).toString().replace('T', ' ');
    String sql = "SELECT COUNT(*) FROM events WHERE tenant_id = 'tenant-07'"
        + " AND event_time >= TIMESTAMP '" + literal + "'";
    try (Connection c = tg.connect()) {
      // Partition key and sort-key range in the key condition, values as placeholders.
      assertThat(explain(c, sql)).containsPattern("request=\\[Query: QueryRequest\\(TableName=events,"
          + ".* KeyConditionExpression=#pk = :pk AND #sk >= :from,"
          + ".*:pk=AttributeValue\\(S=tenant-07\\)");
      double before = tg.storeRequests("dynamodb");
      assertThat(single(c, sql)).isEqualTo(expected[0]).isPositive();
      assertThat(tg.storeRequests("dynamodb") - before).isEqualTo(1.0); // one page, no Scan
      try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM events"
          + " WHERE tenant_id = ? AND event_time >= ?")) {
        ps.setString(1, "tenant-07");
        ps.setTimestamp(2, new java.sql.Timestamp(from), utc());
        before = tg.storeRequests("dynamodb");
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          assertThat(rs.getLong(1)).isEqualTo(expected[0]);
        }
        assertThat(tg.storeRequests("dynamodb") - before).isEqualTo(1.0);
      }
    }
  }

  @Test void eachWarmAndColdBranchGetsItsAggregateAsSql(TestGateway tg) throws Exception {
    try (Connection c = tg.connect()) {
      String plan = explain(c, "SELECT kind, COUNT(*), SUM(amount) FROM events "
          + "WHERE event_time < CURRENT_TIMESTAMP - INTERVAL '40' DAY GROUP BY kind");
      // Each SQL store gets one statement with its partial aggregate, shown in the plan.
      assertThat(plan).containsPattern("TierGuard\\(tier=\\[warm\\].*sql=\\[SELECT .*"
              + "COUNT\\(\\*\\).*FROM \"analytics\"\\.\"events\".*GROUP BY")
          .containsPattern("TierGuard\\(tier=\\[cold\\].*sql=\\[SELECT .*"
              + "COUNT\\(\\*\\).*FROM \"hive\"\\.\"archive\"\\.\"events\".*GROUP BY");
    }
  }

  @Test void monthlyGroupsOverThreeYearsArePartialAggregatesInEachStore(TestGateway tg)
      throws Exception {
    String sql = "SELECT FLOOR(event_time TO MONTH) AS m, COUNT(*), SUM(amount) FROM events"
        + " WHERE event_time >= CURRENT_TIMESTAMP - INTERVAL '3' YEAR"
        + " GROUP BY FLOOR(event_time TO MONTH)";
    try (Connection c = tg.connect()) {
      String plan = explain(c, sql);
      // Redshift and Athena each get their months as one aggregate statement; the gateway
      // merges the partials (a month on a tier boundary comes from two stores).
      assertThat(plan).containsPattern("TierGuard\\(tier=\\[warm\\].*sql=\\[SELECT DATE_TRUNC\\("
              + "'MONTH', .*COUNT\\(\\*\\).*GROUP BY DATE_TRUNC\\('MONTH'")
          .containsPattern("TierGuard\\(tier=\\[cold\\].*sql=\\[SELECT DATE_TRUNC\\("
              + "'MONTH', .*COUNT\\(\\*\\).*GROUP BY DATE_TRUNC\\('MONTH'")
          .containsPattern("TierGuard\\(tier=\\[hot\\].*estimatedRows=\\[\\d+\\]")
          .containsPattern("EnumerableAggregate\\(group=\\[\\{0\\}\\].*\\$SUM0");
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        java.util.Set<Object> months = new java.util.HashSet<>();
        long total = 0;
        while (rs.next()) {
          assertThat(months.add(rs.getTimestamp(1, utc()))).as("one row a month").isTrue();
          total += rs.getLong(2);
        }
        assertThat(months).hasSizeBetween(36, 38);
        assertThat(total).isPositive();
      }
    }
  }

  @Test void aRepeatedStatementIsPlannedOnce(TestGateway tg) throws Exception {
    String sql = "SELECT COUNT(*), region FROM events WHERE event_time >= CURRENT_TIMESTAMP"
        + " - INTERVAL '2' DAY GROUP BY region";
    long hits = tg.gateway().plans().cache().stats().hitCount();
    long misses = tg.gateway().plans().cache().stats().missCount();
    try (Connection first = tg.connect(); Connection second = tg.connect("?serialization=json")) {
      assertThat(single(first, sql)).isPositive();
      assertThat(single(second, sql)).isPositive();
    }
    assertThat(tg.gateway().plans().cache().stats().missCount()).isEqualTo(misses + 1);
    assertThat(tg.gateway().plans().cache().stats().hitCount()).isEqualTo(hits + 1);
  }

  @Test void coldQueriesCarryDayPartitionBounds(TestGateway tg) throws Exception {
    long from = java.time.LocalDate.of(2022, 3, 1).atStartOfDay(java.time.ZoneOffset.UTC)
        .toInstant().toEpochMilli();
    long to = java.time.LocalDate.of(2022, 4, 1).atStartOfDay(java.time.ZoneOffset.UTC)
        .toInstant().toEpochMilli();
    long[] expected = {0};
    tg.dataset().forEachEvent(row -> expected[0] += (Long) row[2] >= from
        && (Long) row[2] < to ? 1 : 0);
    String sql = "SELECT COUNT(*) FROM events WHERE event_time >= TIMESTAMP '2022-03-01 00:00:00'"
        + " AND event_time < TIMESTAMP '2022-04-01 00:00:00'";
    try (Connection c = tg.connect()) {
      // Bounded by the cold slice's days, so Athena never lists partitions outside the tier.
      assertThat(explain(c, sql)).containsPattern("sql=\\[SELECT .*\"dt\" >= '\\d{4}-\\d\\d-\\d\\d'")
          .doesNotContain("dynamodb").doesNotContain("analytics");
      assertThat(single(c, sql)).isEqualTo(expected[0]).isPositive();
    }
  }

  private static String explain(Connection c, String sql) throws SQLException {
    return TestGateway.explain(c, sql);
  }

  private static java.util.Calendar utc() {
    return java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC"));
  }

  @Test void errorsNameWhatIsWrong(TestGateway tg) throws Exception {
    try (Connection c = tg.connect(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("SELECT * FROM evnts"))
          .isInstanceOf(SQLException.class).hasMessageContaining("evnts");
      assertThatThrownBy(() -> s.executeQuery("SELECT amout FROM events"))
          .isInstanceOf(SQLException.class).hasMessageContaining("amout");
      assertThatThrownBy(() -> s.executeQuery("SELECT * FROM events WHERE"))
          .isInstanceOf(SQLException.class).hasMessageContaining("line 1, column");
      // The connection is still usable after errors.
      assertThat(single(c, "SELECT COUNT(*) FROM sessions")).isEqualTo(2_000L);
    }
  }

  private static long single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getLong(1);
    }
  }
}
