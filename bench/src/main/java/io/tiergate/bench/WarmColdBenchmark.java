package io.tiergate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tiergate.local.demo.DemoLoader;
import io.tiergate.planner.manifest.TierManifest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The warm and cold tiers against their stores queried directly, in the same run:
 * <ol>
 *   <li>a warm aggregate over {@value #WARM_ROWS} rows through Tiergate vs the same SQL sent
 *   straight to the Redshift stand-in;
 *   <li>a cold aggregate through Tiergate vs the statement Tiergate sends, run straight on the
 *   Athena stand-in (Trino): time to first row, total time, and the bytes Trino read for each
 *   (from Trino's own query statistics).
 * </ol>
 */
public final class WarmColdBenchmark {
  static final int WARM_ROWS = 1_000_000;
  private static final int WARMUP = 3;
  private static final int RUNS = 7;
  private static final Pattern EXPLAIN_SQL = Pattern.compile("tier=\\[cold\\].*?sql=\\[(.*?)\\]"
      + "(?:, estimated|\\]?\\))", Pattern.DOTALL);

  private WarmColdBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    Class.forName("io.tiergate.jdbc.Driver");
    Targets targets = new Targets();
    try (BenchGateway bench = BenchGateway.start(BenchGateway.rowsOption(args, 20_000))) {
      warm(bench, targets);
      cold(bench, targets);
    }
    targets.print();
    System.exit(0); // DynamoDB Local's client threads are not daemons
  }

  private static void warm(BenchGateway bench, Targets targets) throws Exception {
    TierManifest m = bench.demo().manifest();
    long span = (m.hotFloor() - m.warmFloor()) / 1000;
    String range = "event_time >= TIMESTAMP '" + PlannerBenchmark.literal(m.warmFloor())
        + "' AND event_time < TIMESTAMP '" + PlannerBenchmark.literal(m.hotFloor()) + "'";
    String direct = "SELECT kind, COUNT(*) AS n, SUM(amount) AS revenue FROM "
        + DemoLoader.WARM_SCHEMA + ".events WHERE " + range + " GROUP BY kind ORDER BY kind";
    String tiergate = direct.replace(DemoLoader.WARM_SCHEMA + ".events", "events");
    try (Connection pg = DriverManager.getConnection(bench.stack().postgresJdbcUrl(),
            bench.stack().postgresUser(), bench.stack().postgresPassword());
        Connection tg = bench.connect()) {
      long started = System.nanoTime();
      try (Statement s = pg.createStatement()) {
        // Synthetic rows spread over the warm slice, straight into the warm table.
        s.execute("INSERT INTO " + DemoLoader.WARM_SCHEMA + ".events SELECT "
            + "'tenant-' || lpad((g % 50)::text, 2, '0'), 'bench-' || g, "
            + "TIMESTAMP '" + PlannerBenchmark.literal(m.warmFloor()) + "' + (g % " + span
            + ") * INTERVAL '1 second', (ARRAY['view','click','purchase','refund','signup'])"
            + "[1 + g % 5], (g % 1000) / 10.0, 'u-' || (g % 5000), "
            + "(ARRAY['eu','us','ap'])[1 + g % 3] FROM generate_series(1, " + WARM_ROWS + ") g");
        s.execute("ANALYZE " + DemoLoader.WARM_SCHEMA + ".events");
      }
      System.out.printf("Loaded %,d warm rows in %.1f s%n", WARM_ROWS,
          (System.nanoTime() - started) / 1e9);
      Timings viaTiergate = new Timings(RUNS);
      Timings viaDirect = new Timings(RUNS);
      List<Object> a = null;
      List<Object> b = null;
      for (int i = -WARMUP; i < RUNS; i++) {
        long t0 = System.nanoTime();
        a = PlannerBenchmark.rows(tg, tiergate);
        long t1 = System.nanoTime();
        b = PlannerBenchmark.rows(pg, direct);
        long t2 = System.nanoTime();
        if (i >= 0) {
          viaTiergate.add(t1 - t0);
          viaDirect.add(t2 - t1);
        }
      }
      System.out.println();
      System.out.println("1. Warm GROUP BY kind over " + String.format("%,d", WARM_ROWS
          + bench.demo().warm()) + " rows, " + RUNS + " runs each, interleaved");
      System.out.printf("   through Tiergate:               p50 %.0f ms%n", viaTiergate.millis(0.5));
      System.out.printf("   direct on the Redshift stand-in: p50 %.0f ms%n", viaDirect.millis(0.5));
      double ratio = viaTiergate.millis(0.5) / viaDirect.millis(0.5);
      targets.add("warm_groupby_vs_redshift_direct", ratio, Targets.Goal.AT_MOST, 1.1, "x");
      System.out.printf("   ratio %.2fx (target <= 1.1x: %s); same answer: %s%n", ratio,
          targets.verdict("warm_groupby_vs_redshift_direct"), a.equals(b));
    }
  }

  private static void cold(BenchGateway bench, Targets targets) throws Exception {
    TierManifest m = bench.demo().manifest();
    String tiergate = "SELECT kind, COUNT(*) AS n, SUM(amount) AS revenue FROM events WHERE "
        + "event_time >= TIMESTAMP '" + PlannerBenchmark.literal(m.coldFloor())
        + "' AND event_time < TIMESTAMP '" + PlannerBenchmark.literal(m.warmFloor())
        + "' GROUP BY kind";
    Properties user = new Properties();
    user.setProperty("user", "bench");
    try (Connection tg = bench.connect();
        Connection trino = DriverManager.getConnection(bench.stack().trinoJdbcUrl(), user)) {
      String pushed = coldStatement(tg, tiergate);
      System.out.println();
      System.out.println("2. Cold GROUP BY kind over " + String.format("%,d", bench.demo().cold())
          + " rows; Tiergate sends Athena: " + pushed);
      Timings firstTg = new Timings(RUNS);
      Timings firstTr = new Timings(RUNS);
      Timings allTg = new Timings(RUNS);
      Timings allTr = new Timings(RUNS);
      for (int i = -WARMUP; i < RUNS; i++) {
        long[] tg1 = timeToFirstRow(tg, tiergate);
        long[] tr1 = timeToFirstRow(trino, pushed);
        if (i >= 0) {
          firstTg.add(tg1[0]);
          allTg.add(tg1[1]);
          firstTr.add(tr1[0]);
          allTr.add(tr1[1]);
        }
      }
      System.out.printf("   through Tiergate:  first row p50 %.0f ms, all p50 %.0f ms%n",
          firstTg.millis(0.5), allTg.millis(0.5));
      System.out.printf("   direct Trino:      first row p50 %.0f ms, all p50 %.0f ms%n",
          firstTr.millis(0.5), allTr.millis(0.5));
      double ratio = allTg.millis(0.5) / allTr.millis(0.5);
      targets.add("cold_groupby_vs_athena_direct", ratio, Targets.Goal.AT_MOST, 1.1, "x");
      System.out.printf("   ratio %.2fx (target <= 1.1x: %s)%n", ratio,
          targets.verdict("cold_groupby_vs_athena_direct"));
      JsonNode stats = trinoQueries(bench);
      System.out.println("   bytes Trino read, last run: through Tiergate "
          + inputBytes(stats, pushed, "tiergate") + ", direct " + inputBytes(stats, pushed,
          "bench"));
    }
  }

  /** The SQL of the cold branch, as EXPLAIN shows it. */
  private static String coldStatement(Connection tg, String sql) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (Statement s = tg.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      while (rs.next()) {
        plan.append(rs.getString(1)).append('\n');
      }
    }
    Matcher m = EXPLAIN_SQL.matcher(plan);
    if (!m.find()) {
      throw new IllegalStateException("No cold branch SQL in the plan:\n" + plan);
    }
    return m.group(1);
  }

  private static long[] timeToFirstRow(Connection c, String sql) throws SQLException {
    long started = System.nanoTime();
    long first = -1;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        if (first < 0) {
          first = System.nanoTime() - started;
        }
        rs.getObject(1);
      }
    }
    return new long[] {first, System.nanoTime() - started};
  }

  /** Trino's list of recent queries, with their statistics (its REST API). */
  private static JsonNode trinoQueries(BenchGateway bench) throws Exception {
    String url = bench.stack().trinoJdbcUrl().replace("jdbc:trino://", "http://");
    url = url.substring(0, url.indexOf('/', "http://".length())) + "/v1/query";
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(url)).header("X-Trino-User", "bench").build(),
        HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(response.body());
  }

  /** The input size of the user's latest finished run of {@code sql}, as Trino reports it. */
  private static String inputBytes(JsonNode queries, String sql, String user) {
    JsonNode latest = null;
    for (JsonNode q : queries) {
      if (user.equals(q.path("session").path("user").asText()) && q.path("query").asText()
          .replace("\"", "").contains(sql.replace("\"", "").substring(0, 40))
          && "FINISHED".equals(q.path("state").asText())) {
        if (latest == null || q.path("queryStats").path("endTime").asText().compareTo(
            latest.path("queryStats").path("endTime").asText()) > 0) {
          latest = q;
        }
      }
    }
    if (latest == null) {
      return "(not found)";
    }
    JsonNode s = latest.path("queryStats");
    return s.path("physicalInputDataSize").asText("?") + " physical, "
        + s.path("rawInputDataSize").asText("?") + " raw, "
        + s.path("rawInputPositions").asText("?") + " rows";
  }
}
