package io.tiergate.server.ui;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;

/**
 * A horizontal bar chart as inline SVG, drawn on the server: the page needs no script and no
 * chart library, and a screenshot shows it as a browser does.
 */
final class SvgBars {
  private static final int WIDTH = 400;
  private static final int LABEL = 130;
  private static final int ROW = 22;

  /** One bar; a null value is drawn as no bar with its text (e.g. "unknown"). */
  record Bar(String label, Double value, String text) {
  }

  private SvgBars() {
  }

  static String render(String title, List<Bar> bars, String color) {
    double max = bars.stream().filter(b -> b.value() != null).mapToDouble(Bar::value)
        .max().orElse(0);
    int height = ROW * bars.size() + 24;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"bars\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
        .append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"")
        .append(Html.escape(title)).append("\">");
    svg.append("<text x=\"0\" y=\"14\" class=\"title\">").append(Html.escape(title))
        .append("</text>");
    int y = 24;
    int room = WIDTH - LABEL - 90;
    for (Bar bar : bars) {
      double share = bar.value() == null || max <= 0 ? 0 : bar.value() / max;
      int length = bar.value() != null && bar.value() > 0 ? Math.max(1, (int) (room * share)) : 0;
      svg.append("<text x=\"0\" y=\"").append(y + 15).append("\">")
          .append(Html.escape(bar.label())).append("</text>");
      svg.append("<rect x=\"").append(LABEL).append("\" y=\"").append(y + 3)
          .append("\" width=\"").append(length).append("\" height=\"16\" fill=\"")
          .append(color).append("\"/>");
      svg.append("<text x=\"").append(LABEL + length + 4).append("\" y=\"").append(y + 15)
          .append("\">").append(Html.escape(bar.text())).append("</text>");
      y += ROW;
    }
    return svg.append("</svg>").toString();
  }

  /**
   * A number for a bar's text: 1,234,567, 12.34, or for a fraction three significant digits
   * (0.00321): a small tier's monthly cost is cents or less, which two decimals would show as 0.
   */
  static String number(Number n) {
    if (n == null) {
      return "unknown";
    }
    if (!(n instanceof Double d)) {
      return String.format(Locale.ROOT, "%,d", n);
    }
    if (d != 0 && Math.abs(d) < 1) {
      return new BigDecimal(d).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
    return String.format(Locale.ROOT, "%,.2f", d);
  }
}
