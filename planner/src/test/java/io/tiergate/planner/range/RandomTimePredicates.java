package io.tiergate.planner.range;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;

/**
 * Random SQL predicates over {@code events.event_time}, from a seeded {@link Random}: comparisons,
 * BETWEEN, IN, casts, FLOOR/CEIL, EXTRACT, interval arithmetic on CURRENT_TIMESTAMP, CURRENT_DATE
 * and parameters, things the extractor does not understand, all under AND, OR, NOT and IS tests.
 *
 * <p>Constants are drawn from {@link #times()}, the same instants the test table holds, so that
 * rows lie exactly on bounds and a millisecond either side of them.
 */
final class RandomTimePredicates {
  private static final long DAY = DateTimeUtils.MILLIS_PER_DAY;
  private static final String[] COMPARISONS = {"=", "<>", "<", "<=", ">", ">="};
  private static final TimeUnitRange[] UNITS = {TimeUnitRange.YEAR, TimeUnitRange.QUARTER,
      TimeUnitRange.MONTH, TimeUnitRange.WEEK, TimeUnitRange.DAY, TimeUnitRange.HOUR,
      TimeUnitRange.MINUTE, TimeUnitRange.SECOND};
  private static final long[] NUDGES = {0, 0, 0, -1, 1, -499, -500, -501, 499, 500, 501, -1000,
      1000, 999, -DAY, DAY};

  /** A bound parameter: a TIMESTAMP is epoch millis, a DATE epoch days, null is SQL NULL. */
  record Parameter(String type, Object value) {
  }

  /**
   * @param exact whether every part is understood without approximation, so the extracted set
   *     must hold exactly the times at which the predicate is TRUE
   */
  record Predicate(String sql, List<Parameter> parameters, boolean exact) {
    Predicate wrap(String before, String after, boolean stillExact) {
      return new Predicate(before + sql + after, parameters, exact && stillExact);
    }

    Predicate join(String operator, Predicate other) {
      List<Parameter> both = new ArrayList<>(parameters);
      both.addAll(other.parameters);
      return new Predicate("(" + sql + " " + operator + " " + other.sql + ")", both,
          exact && other.exact);
    }
  }

  private final Random random;
  private final List<Long> times;
  private final List<Supplier<Predicate>> atoms = List.of(
      this::comparison, this::comparison, this::comparison, this::between, this::inList,
      this::castToDate, this::truncation, this::truncation, this::castToPrecision,
      this::extractYear, this::timestampParameter, this::timestampParameter, this::clock,
      this::clock, this::timestampAdd, this::characterLiteral, this::shiftedColumn,
      this::notUnderstood, this::nullTest, this::distinctFrom, this::dateParameter,
      this::localTimeZoneLiteral);

  RandomTimePredicates(long seed) {
    random = new Random(seed);
    times = sampleTimes();
  }

  /** The instants constants come from: calendar edges, a millisecond either side, random ones. */
  List<Long> times() {
    return times;
  }

  long anyTime() {
    return times.get(random.nextInt(times.size()));
  }

  Predicate next() {
    return predicate(3);
  }

  private Predicate predicate(int depth) {
    int choice = depth == 0 ? 0 : random.nextInt(10);
    return switch (choice) {
      case 0, 1, 2, 3 -> atoms.get(random.nextInt(atoms.size())).get();
      case 4, 5 -> predicate(depth - 1).join("AND", predicate(depth - 1));
      case 6, 7 -> predicate(depth - 1).join("OR", predicate(depth - 1));
      case 8 -> predicate(depth - 1).wrap("NOT (", ")", true);
      default -> predicate(depth - 1).wrap("(", ") IS "
          + pick("TRUE", "NOT TRUE", "FALSE", "NOT FALSE", "NULL", "NOT NULL"), true);
    };
  }

  private Predicate comparison() {
    String literal = timestamp(anyTime());
    String op = pick(COMPARISONS);
    return random.nextBoolean() ? exact("event_time " + op + " " + literal)
        : exact(literal + " " + op + " event_time");
  }

  private Predicate between() {
    return exact("event_time " + pick("", "NOT ") + "BETWEEN " + timestamp(anyTime()) + " AND "
        + timestamp(anyTime()));
  }

  private Predicate inList() {
    return exact("event_time " + pick("", "NOT ") + "IN (" + timestamp(anyTime()) + ", "
        + timestamp(anyTime()) + ", " + timestamp(anyTime()) + ")");
  }

  private Predicate castToDate() {
    return exact("CAST(event_time AS DATE) " + pick(COMPARISONS) + " " + date(anyTime()));
  }

  /** FLOOR or CEIL to a unit; weeks are approximated (Sunday or Monday), so never exact. */
  private Predicate truncation() {
    TimeUnitRange unit = UNITS[random.nextInt(UNITS.length)];
    long bound = anyTime();
    if (random.nextBoolean()) {
      bound = DateTimeUtils.unixTimestampFloor(unit == TimeUnitRange.HOUR
          || unit == TimeUnitRange.MINUTE || unit == TimeUnitRange.SECOND
          ? TimeUnitRange.DAY : unit, Math.floorDiv(bound, DAY) * DAY);
    }
    String sql = pick("FLOOR", "CEIL") + "(event_time TO " + unit + ") " + pick(COMPARISONS)
        + " " + (random.nextInt(4) == 0 ? date(bound) : timestamp(bound));
    return new Predicate(sql, List.of(), unit != TimeUnitRange.WEEK);
  }

  /** Engines disagree on narrowing a timestamp's precision: only soundness is expected. */
  private Predicate castToPrecision() {
    return inexact("CAST(event_time AS TIMESTAMP(" + random.nextInt(3) + ")) "
        + pick(COMPARISONS) + " " + timestamp(anyTime()));
  }

  private Predicate extractYear() {
    return exact("EXTRACT(YEAR FROM event_time) " + pick(COMPARISONS) + " "
        + (1968 + random.nextInt(62)));
  }

  private Predicate timestampParameter() {
    Long value = random.nextInt(8) == 0 ? null : anyTime();
    return new Predicate("event_time " + pick(COMPARISONS) + " ?",
        List.of(new Parameter("TIMESTAMP", value)), true);
  }

  private Predicate dateParameter() {
    Integer days = random.nextInt(8) == 0 ? null : (int) Math.floorDiv(anyTime(), DAY);
    return new Predicate("CAST(event_time AS DATE) " + pick(COMPARISONS) + " ?",
        List.of(new Parameter("DATE", days)), true);
  }

  private Predicate clock() {
    String unit = pick("DAY", "HOUR", "MINUTE", "SECOND", "MONTH", "YEAR");
    String interval = "INTERVAL '" + random.nextInt(40) + "' " + unit;
    String base = pick("CURRENT_TIMESTAMP", "CURRENT_DATE", "LOCALTIMESTAMP");
    return exact("event_time " + pick(COMPARISONS) + " " + base + " " + pick("-", "+") + " "
        + interval);
  }

  private Predicate timestampAdd() {
    String unit = pick("DAY", "HOUR", "MONTH", "WEEK", "QUARTER", "YEAR", "MINUTE");
    int count = random.nextInt(60) - 30;
    if (random.nextBoolean()) {
      return new Predicate("event_time " + pick(COMPARISONS) + " TIMESTAMPADD(" + unit
          + ", CAST(? AS INTEGER), " + timestamp(anyTime()) + ")",
          List.of(new Parameter("INTEGER", count)), true);
    }
    return exact("event_time " + pick(COMPARISONS) + " TIMESTAMPADD(" + unit + ", " + count
        + ", " + pick("CURRENT_TIMESTAMP", "CURRENT_DATE") + ")");
  }

  /** Character literals: coerced to TIMESTAMP(3), or cast to TIMESTAMP(0), exact only in whole
   * seconds. */
  private Predicate characterLiteral() {
    long time = anyTime();
    String text = "'" + TimestampString.fromMillisSinceEpoch(time) + "'";
    if (random.nextBoolean()) {
      return exact("event_time " + pick(COMPARISONS) + " " + text);
    }
    return new Predicate("event_time " + pick(COMPARISONS) + " CAST(" + text + " AS TIMESTAMP)",
        List.of(), Math.floorMod(time, 1000) == 0);
  }

  private Predicate shiftedColumn() {
    boolean months = random.nextInt(4) == 0;
    String interval = "INTERVAL '" + random.nextInt(30) + "' "
        + (months ? "MONTH" : pick("DAY", "HOUR", "SECOND"));
    return new Predicate("event_time " + pick("+", "-") + " " + interval + " "
        + pick(COMPARISONS) + " " + timestamp(anyTime()), List.of(), !months);
  }

  private Predicate notUnderstood() {
    return inexact(pick("tenant_id = 'a'", "amount > 5", "CHAR_LENGTH(tenant_id) > 0",
        "EXTRACT(MONTH FROM event_time) = 3", "CAST(event_time AS VARCHAR(30)) LIKE '2024%'",
        "event_time > event_time - INTERVAL '1' SECOND",
        "event_time + INTERVAL '1' MONTH > " + timestamp(anyTime()),
        "event_time >= TIMESTAMPADD(MICROSECOND, 1500, " + timestamp(anyTime()) + ")"));
  }

  private Predicate nullTest() {
    return exact("event_time IS " + pick("", "NOT ") + "NULL");
  }

  private Predicate distinctFrom() {
    return exact("event_time IS " + pick("", "NOT ") + "DISTINCT FROM " + timestamp(anyTime()));
  }

  /**
   * Compared directly, Calcite compares the literal's UTC instant with the wall clock, which the
   * extractor mirrors; but in some contexts Calcite casts it to TIMESTAMP with the session time
   * zone, which the extractor does not assume: only soundness is expected.
   */
  private Predicate localTimeZoneLiteral() {
    return inexact("event_time " + pick(COMPARISONS) + " TIMESTAMP WITH LOCAL TIME ZONE '"
        + TimestampString.fromMillisSinceEpoch(anyTime()) + "'");
  }

  private List<Long> sampleTimes() {
    List<Long> bases = new ArrayList<>();
    for (String edge : List.of("2024-01-01 00:00:00", "2024-02-29 00:00:00",
        "2024-03-01 00:00:00", "2024-03-03 00:00:00", "2024-03-04 00:00:00",
        "2023-12-31 23:00:00", "2024-07-01 00:00:00", "2024-03-31 12:34:56.789",
        "2024-01-31 00:00:00", "1970-01-01 00:00:00", "1969-12-31 00:00:00",
        "2025-01-01 00:00:00", "2024-06-15 10:30:00")) {
      bases.add(new TimestampString(edge).getMillisSinceEpoch());
    }
    long from = new TimestampString("1968-01-01 00:00:00").getMillisSinceEpoch();
    long to = new TimestampString("2030-01-01 00:00:00").getMillisSinceEpoch();
    for (int i = 0; i < 30; i++) {
      bases.add(from + Math.floorMod(random.nextLong(), to - from));
    }
    List<Long> result = new ArrayList<>();
    for (long base : bases) {
      for (long nudge : NUDGES) {
        result.add(base + nudge);
      }
    }
    return result.stream().distinct().sorted().toList();
  }

  private static Predicate exact(String sql) {
    return new Predicate(sql, List.of(), true);
  }

  private static Predicate inexact(String sql) {
    return new Predicate(sql, List.of(), false);
  }

  private static String timestamp(long millis) {
    return "TIMESTAMP '" + TimestampString.fromMillisSinceEpoch(millis) + "'";
  }

  private static String date(long millis) {
    return "DATE '" + DateString.fromDaysSinceEpoch((int) Math.floorDiv(millis, DAY)) + "'";
  }

  private String pick(String... choices) {
    return choices[random.nextInt(choices.length)];
  }
}
