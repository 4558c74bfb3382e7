package io.tiergate.server.differential;

import io.tiergate.planner.manifest.TierManifest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The instants a differential query is written against: the dataset's clock and the manifest's
 * three floors. The data moves with the clock (it is generated relative to the moment the test
 * starts), so queries name these instants instead of fixed dates.
 *
 * <p>In SQL text, {@code {hot}}, {@code {warm-1}}, {@code {cold+30d}}, {@code {now-2h}} render as
 * the UTC wall clock {@code yyyy-MM-dd HH:mm:ss.SSS} of that instant (offset units: ms, the
 * default, s, h, d); {@code {date:hot+1d}} renders its day as {@code yyyy-MM-dd} and
 * {@code {sec:warm}} drops the milliseconds (every floor is on a whole second).
 */
public record SliceEdges(long now, long coldFloor, long warmFloor, long hotFloor) {
  private static final Pattern TERM = Pattern.compile(
      "\\{(?:(date|sec):)?(now|cold|warm|hot)(?:([+-])(\\d+)(ms|s|h|d)?)?}");
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  public static SliceEdges of(long now, TierManifest manifest) {
    return new SliceEdges(now, manifest.coldFloor(), manifest.warmFloor(), manifest.hotFloor());
  }

  /** The epoch millis of one term without braces, such as {@code hot-1} or {@code warm+30d}. */
  public long millis(String term) {
    Matcher m = TERM.matcher("{" + term + "}");
    if (!m.matches() || m.group(1) != null) {
      throw new IllegalArgumentException("Not an instant term: " + term);
    }
    return millis(m);
  }

  /** The SQL text with every term replaced by its literal text (without quotes). */
  public String render(String sql) {
    Matcher m = TERM.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      LocalDateTime wallClock = wallClock(millis(m));
      String text = m.group(1) == null ? MILLIS.format(wallClock)
          : m.group(1).equals("date") ? wallClock.toLocalDate().toString()
          : SECONDS.format(wallClock);
      m.appendReplacement(out, Matcher.quoteReplacement(text));
    }
    m.appendTail(out);
    if (out.indexOf("{") >= 0) {
      throw new IllegalArgumentException("Unknown instant term in: " + sql);
    }
    return out.toString();
  }

  public static LocalDateTime wallClock(long millis) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }

  private long millis(Matcher m) {
    long base = switch (m.group(2)) {
      case "now" -> now;
      case "cold" -> coldFloor;
      case "warm" -> warmFloor;
      default -> hotFloor;
    };
    if (m.group(3) == null) {
      return base;
    }
    long amount = Long.parseLong(m.group(4));
    long unit = m.group(5) == null ? 1 : switch (m.group(5)) {
      case "ms" -> 1;
      case "s" -> 1_000;
      case "h" -> 3_600_000;
      default -> 86_400_000;
    };
    return m.group(3).equals("+") ? base + amount * unit : base - amount * unit;
  }
}
