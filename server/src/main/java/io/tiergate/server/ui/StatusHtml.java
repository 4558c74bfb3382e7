package io.tiergate.server.ui;

import static io.tiergate.server.ui.Html.escape;

import io.tiergate.server.alert.Alert;
import io.tiergate.server.query.QueryRecord;
import io.tiergate.server.ui.StatusModel.JobLine;
import io.tiergate.server.ui.StatusModel.TierLine;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link StatusModel} as one self-contained HTML page: inline CSS, inline SVG, no
 * script and no external resource (not even a favicon, which a browser would otherwise ask
 * for and log as an error), reloading itself every {@link #REFRESH_SECONDS} seconds.
 */
public final class StatusHtml {
  static final int REFRESH_SECONDS = 30;
  /** Queries shown per tier. */
  static final int SLOWEST = 5;
  private static final List<String> TIERS = List.of("hot", "warm", "cold");

  private static final String CSS = "body{font:14px system-ui,sans-serif;margin:24px;color:#222}"
      + "h1{font-size:20px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ccc}"
      + "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;"
      + "text-align:left;vertical-align:top}th{background:#f4f4f4}td.n{text-align:right}"
      + ".firing{color:#b00;font-weight:bold}.pending{color:#b60}.resolved{color:#080}"
      + ".late{color:#b00}.charts{display:flex;gap:24px;flex-wrap:wrap}"
      + "svg.bars text{font:12px system-ui,sans-serif}svg.bars text.title{font-weight:bold}"
      + "code{white-space:pre-wrap;word-break:break-all}.note{color:#666}";

  private StatusHtml() {
  }

  public static String render(StatusModel model) {
    StringBuilder html = new StringBuilder(16_384);
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"refresh\" content=\"").append(REFRESH_SECONDS).append("\">")
        .append("<link rel=\"icon\" href=\"data:,\"><title>Tiergate status</title><style>")
        .append(CSS).append("</style></head><body><h1>Tiergate status</h1><p class=\"note\">")
        .append("At ").append(instant(model.generatedAt())).append("; reloads every ")
        .append(REFRESH_SECONDS).append(" s.</p>");
    for (String problem : model.problems()) {
      html.append("<p class=\"firing\">").append(escape(problem)).append("</p>");
    }
    tiers(html, model.tiers());
    jobs(html, model.jobs());
    alerts(html, model.alerts());
    queries(html, model.queries());
    return html.append("</body></html>").toString();
  }

  private static void tiers(StringBuilder html, List<TierLine> tiers) {
    html.append("<section id=\"tiers\"><h2>Tiers</h2>");
    if (tiers.isEmpty()) {
      html.append("<p class=\"note\">No tiered tables (or no control table to read their"
          + " manifests from).</p>");
    }
    Map<String, List<TierLine>> byTable = new LinkedHashMap<>();
    tiers.forEach(t -> byTable.computeIfAbsent(t.table(), k -> new java.util.ArrayList<>())
        .add(t));
    byTable.forEach((table, lines) -> {
      html.append("<h3>").append(escape(table)).append("</h3><table><tr><th>tier</th>")
          .append("<th>store</th><th>storage class</th><th>boundary (manifest)</th>")
          .append("<th>boundary (policy)</th><th>rows</th><th>bytes</th>")
          .append("<th>monthly cost (USD)</th></tr>");
      for (TierLine t : lines) {
        boolean late = t.boundaryMillis() != null && t.policyMillis() != null
            && t.boundaryMillis() < t.policyMillis();
        html.append("<tr class=\"tier-").append(escape(t.tier())).append("\"><td>")
            .append(escape(t.tier())).append("</td><td>").append(escape(t.store()))
            .append("</td><td>").append(escape(t.storageClass())).append("</td><td")
            .append(late ? " class=\"late\">" : ">").append(time(t.boundaryMillis()))
            .append(late ? " (" + lag(t.policyMillis() - t.boundaryMillis()) + " behind)" : "")
            .append("</td><td>").append(time(t.policyMillis())).append("</td><td class=\"n\">")
            .append(SvgBars.number(t.rows())).append("</td><td class=\"n\">")
            .append(SvgBars.number(t.bytes())).append("</td><td class=\"n\">")
            .append(SvgBars.number(t.monthlyCostUsd())).append("</td></tr>");
      }
      html.append("</table><div class=\"charts\">")
          .append(SvgBars.render(table + ": rows", bars(lines, t -> toDouble(t.rows()),
              TierLine::rows), "#4878b0"))
          .append(SvgBars.render(table + ": bytes", bars(lines, t -> toDouble(t.bytes()),
              TierLine::bytes), "#58a05a"))
          .append(SvgBars.render(table + ": monthly cost (USD)", bars(lines,
              TierLine::monthlyCostUsd, TierLine::monthlyCostUsd), "#c07830"))
          .append("</div>");
    });
    html.append("</section>");
  }

  private static List<SvgBars.Bar> bars(List<TierLine> lines,
      java.util.function.Function<TierLine, Double> value,
      java.util.function.Function<TierLine, Number> text) {
    return lines.stream().map(t -> new SvgBars.Bar(t.storageClass() == null ? t.tier()
        : t.tier() + " " + t.storageClass(), value.apply(t),
        SvgBars.number(text.apply(t)))).toList();
  }

  private static Double toDouble(Long n) {
    return n == null ? null : n.doubleValue();
  }

  private static void jobs(StringBuilder html, List<JobLine> jobs) {
    html.append("<section id=\"jobs\"><h2>Migration jobs</h2>");
    table(html, jobs, "No migration jobs.", List.of("job", "table", "transition", "state",
        "step", "progress", "error"), j -> {
      html.append("<tr><td>").append(escape(j.id())).append("</td><td>")
          .append(escape(j.table())).append("</td><td>").append(escape(j.transition()))
          .append("</td><td>").append(escape(j.state())).append("</td><td>")
          .append(escape(j.step())).append("</td><td><progress max=\"")
          .append(Math.max(1, j.rowsTotal())).append("\" value=\"").append(j.rowsDone())
          .append("\"></progress> ").append(SvgBars.number(j.rowsDone())).append(" / ")
          .append(SvgBars.number(j.rowsTotal())).append(" rows</td><td>")
          .append(escape(j.error())).append("</td></tr>");
    });
    html.append("</section>");
  }

  private static void alerts(StringBuilder html, List<Alert> alerts) {
    html.append("<section id=\"alerts\"><h2>Alerts</h2>");
    table(html, alerts, "No alert is firing, pending or lately resolved.", List.of("alert",
        "state", "kind", "labels", "value", "threshold", "since", "resolved"), a -> {
      html.append("<tr class=\"").append(a.state().label()).append("\"><td>")
          .append(escape(a.rule())).append("</td><td>").append(a.state().label())
          .append("</td><td>").append(escape(a.kind().label())).append("</td><td>")
          .append(escape(a.labelsText())).append("</td><td class=\"n\">")
          .append(SvgBars.number(a.value())).append("</td><td class=\"n\">")
          .append(SvgBars.number(a.threshold())).append("</td><td>")
          .append(instant(a.since())).append("</td><td>")
          .append(instant(a.resolvedAt()))
          .append("</td></tr>");
    });
    html.append("</section>");
  }

  /**
   * The slowest and the costliest statements of each tier from the query log. A statement
   * that read hot and warm shows under both. Cost is the actual one where the log has it, else
   * the estimate made when the statement was planned.
   */
  private static void queries(StringBuilder html, List<QueryRecord> queries) {
    html.append("<section id=\"queries\"><h2>Slowest and costliest queries per tier</h2>")
        .append("<p class=\"note\">From this gateway's query log (server.query-log). Cost in")
        .append(" USD: the actual one where known, else the estimate.</p>");
    Comparator<QueryRecord> byCost = Comparator.comparingDouble(StatusHtml::cost);
    for (String tier : TIERS) {
      List<QueryRecord> read = queries.stream()
          .filter(q -> List.of(q.tiers().split("\\+")).contains(tier)).toList();
      html.append("<h3>").append(tier).append("</h3>");
      queryTable(html, read.stream()
          .sorted(Comparator.comparingLong(QueryRecord::durationMillis).reversed())
          .limit(SLOWEST).toList(), "No logged query read the " + tier + " tier.");
      List<QueryRecord> costliest = read.stream().filter(q -> cost(q) > 0)
          .sorted(byCost.reversed()).limit(SLOWEST).toList();
      html.append("<h4>costliest</h4>");
      queryTable(html, costliest, "No logged query of the " + tier + " tier has a cost.");
    }
    html.append("</section>");
  }

  private static double cost(QueryRecord q) {
    Double usd = q.actualCostUsd() != null ? q.actualCostUsd() : q.estimatedCostUsd();
    return usd == null ? 0 : usd;
  }

  private static void queryTable(StringBuilder html, List<QueryRecord> rows, String empty) {
    table(html, rows, empty, List.of("ms", "cost USD", "user", "started", "status", "tiers",
        "rows", "statement"), q -> html
        .append("<tr><td class=\"n\">").append(SvgBars.number(q.durationMillis()))
        .append("</td><td class=\"n\">").append(cost(q) > 0 ? SvgBars.number(cost(q)) : "")
        .append("</td><td>").append(escape(q.user())).append("</td><td>")
        .append(instant(q.startedAt())).append("</td><td>")
        .append(escape(q.status().name())).append("</td><td>").append(escape(q.tiers()))
        .append("</td><td class=\"n\">").append(SvgBars.number(q.rowsReturned()))
        .append("</td><td><code>").append(escape(q.statement())).append("</code></td></tr>"));
  }

  /** A table of {@code items} under a header row, or the note {@code empty} when none. */
  private static <T> void table(StringBuilder html, List<T> items, String empty,
      List<String> columns, java.util.function.Consumer<T> row) {
    if (items.isEmpty()) {
      html.append("<p class=\"note\">").append(escape(empty)).append("</p>");
      return;
    }
    html.append("<table><tr>");
    columns.forEach(c -> html.append("<th>").append(escape(c)).append("</th>"));
    html.append("</tr>");
    items.forEach(row);
    html.append("</table>");
  }

  private static String time(Long millis) {
    return millis == null ? "unbounded" : instant(Instant.ofEpochMilli(millis));
  }

  /** To the second: the nanoseconds of a clock reading only widen the tables. */
  private static String instant(Instant at) {
    return at == null ? "" : at.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String lag(long millis) {
    Duration d = Duration.ofMillis(millis);
    return d.toDays() > 0 ? d.toDays() + " d" : d.toHours() + " h";
  }
}
