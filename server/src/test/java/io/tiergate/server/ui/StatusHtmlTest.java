package io.tiergate.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiergate.server.alert.Alert;
import io.tiergate.server.alert.AlertKind;
import io.tiergate.server.query.QueryRecord;
import io.tiergate.server.query.QueryStatus;
import io.tiergate.server.ui.StatusModel.JobLine;
import io.tiergate.server.ui.StatusModel.TierLine;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status page rendered from a fixed model: its sections, its charts and its escaping. */
class StatusHtmlTest {
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private static final long DAY = 86_400_000L;
  private static final String HOSTILE = "SELECT '<script>alert(1)</script>' & \"x\"";

  private static StatusModel model() {
    long now = NOW.toEpochMilli();
    return new StatusModel(NOW,
        List.of(new TierLine("events", "hot", "dynamodb", null, 1_000L, 50_000L, 0.0125,
                now - 33 * DAY, now - 30 * DAY),
            new TierLine("events", "warm", "redshift", null, 9_000L, 400_000L, 0.01,
                now - 365 * DAY, now - 365 * DAY),
            new TierLine("events", "cold", "athena", "GLACIER_IR", null, 800_000L, 0.0032,
                now - 7 * 365 * DAY, now - 7 * 365 * DAY)),
        List.of(new JobLine("events-3", "events", "HOT_TO_WARM", "RUNNING", "COPY", 250, 1000,
            null)),
        List.of(new Alert("HotRows<b>", AlertKind.CAPACITY, Map.of("tier", "hot"),
                Alert.State.FIRING, NOW, 1000, 500, null),
            new Alert("RedisFull", AlertKind.CAPACITY, Map.of(), Alert.State.RESOLVED, NOW, 1, 2,
                NOW.plusSeconds(60))),
        List.of(query(1, "SELECT 1 FROM events", 40, "hot"),
            query(2, HOSTILE, 900, "hot+warm"),
            query(3, "SELECT count(*) FROM events", 5_000, "cold", 0.002, null),
            query(4, "SELECT * FROM events", 20, "cold", 0.5, 0.0123)),
        List.of("Migration jobs could not be read: <down>"));
  }

  private static QueryRecord query(long id, String statement, long millis, String tiers) {
    return query(id, statement, millis, tiers, null, null);
  }

  private static QueryRecord query(long id, String statement, long millis, String tiers,
      Double estimated, Double actual) {
    return new QueryRecord(id, "admin", statement, NOW, millis, QueryStatus.OK, null, tiers,
        Map.of(), 1, estimated, actual);
  }

  @Test void showsEachSectionAndRefreshesItself() {
    String html = StatusHtml.render(model());
    assertThat(html).startsWith("<!DOCTYPE html>")
        .contains("<meta http-equiv=\"refresh\" content=\"30\">")
        .contains("<section id=\"tiers\">", "<section id=\"jobs\">", "<section id=\"alerts\">",
            "<section id=\"queries\">")
        .contains("<tr class=\"tier-hot\">", "<tr class=\"tier-warm\">",
            "<tr class=\"tier-cold\">")
        // the hot boundary is three days behind its policy
        .contains("2026-11-04T12:00:00Z (3 d behind)")
        .contains("<progress max=\"1000\" value=\"250\"></progress> 250 / 1,000 rows")
        .contains("<tr class=\"firing\"><td>HotRows&lt;b&gt;</td><td>firing</td>")
        .contains("<tr class=\"resolved\"><td>RedisFull</td>")
        .contains("Slowest and costliest queries per tier")
        .doesNotContain("<script");
  }

  @Test void drawsRowsBytesAndCostAsSvgBarsPerTable() {
    String html = StatusHtml.render(model());
    assertThat(html).contains("aria-label=\"events: rows\"", "aria-label=\"events: bytes\"",
        "aria-label=\"events: monthly cost (USD)\"");
    // the longest bar is the largest value; unknown rows draw no bar but say so
    assertThat(html).contains(">warm</text><rect x=\"130\" y=\"49\" width=\"180\"")
        .contains(">hot</text><rect x=\"130\" y=\"27\" width=\"20\"")
        .contains(">cold GLACIER_IR</text><rect x=\"130\" y=\"71\" width=\"0\"")
        .contains(">unknown</text>");
    // cents and less keep three significant digits rather than rounding to 0.00
    assertThat(html).contains(">0.0125</text>", ">0.0032</text>", "<td class=\"n\">0.01</td>");
  }

  @Test void escapesEveryText() {
    String html = StatusHtml.render(model());
    assertThat(html).doesNotContain("<script>alert(1)")
        .contains("SELECT &#39;&lt;script&gt;alert(1)&lt;/script&gt;&#39; &amp; &quot;x&quot;")
        .contains("Migration jobs could not be read: &lt;down&gt;");
  }

  @Test void listsTheSlowestQueriesUnderEveryTierTheyRead() {
    String html = StatusHtml.render(model());
    String hot = html.substring(html.indexOf("<h3>hot</h3>"), html.indexOf("<h3>warm</h3>"));
    String warm = html.substring(html.indexOf("<h3>warm</h3>"), html.indexOf("<h3>cold</h3>"));
    String cold = html.substring(html.indexOf("<h3>cold</h3>"));
    assertThat(hot.indexOf("alert(1)")).isLessThan(hot.indexOf("SELECT 1 FROM events"));
    assertThat(warm).contains("alert(1)").doesNotContain("SELECT 1 FROM events");
    assertThat(cold).contains("5,000").contains("SELECT count(*) FROM events");
  }

  @Test void listsTheCostliestQueriesByActualCostElseTheEstimate() {
    String html = StatusHtml.render(model());
    String cold = html.substring(html.indexOf("<h3>cold</h3>"));
    String costliest = cold.substring(cold.indexOf("<h4>costliest</h4>"));
    // the actual 0.0123 beats the other's estimate 0.002, though its own estimate was 0.5
    assertThat(costliest.indexOf("SELECT * FROM events"))
        .isLessThan(costliest.indexOf("SELECT count(*) FROM events"));
    assertThat(costliest).contains("<td class=\"n\">0.0123</td>", "<td class=\"n\">0.002</td>")
        .doesNotContain("0.5</td>");
    String hot = html.substring(html.indexOf("<h3>hot</h3>"), html.indexOf("<h3>warm</h3>"));
    assertThat(hot).contains("No logged query of the hot tier has a cost.");
  }
}
