package io.tiergate.planner.range;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongUnaryOperator;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.runtime.SqlFunctions;

/**
 * One function that never decreases as time grows, such as {@code FLOOR(x TO DAY)}, a cast to
 * DATE or {@code x + INTERVAL '1' HOUR}, on values in epoch milliseconds (a DATE is its midnight)
 * or, for {@code EXTRACT(YEAR ...)}, in years.
 *
 * <p>Because it never decreases, "{@code f(x) >= v}" is "{@code x >= }the least x that reaches
 * v", so every comparison of f with a constant becomes a range of x. Where engines disagree on f
 * (Calcite treats {@code CAST(ts AS TIMESTAMP(0))} as a no-op, Trino and PostgreSQL round;
 * Calcite starts weeks on Sunday, Trino's and Redshift's {@code date_trunc} on Monday) a step
 * keeps every candidate: the least x reaching v is then known only to lie between
 * {@link #earliestReaching} and {@link #latestReaching}, and a range built from those holds for
 * whichever engine evaluates the predicate.
 *
 * <p>Steps throw {@link OutOfRange} rather than compute on values far outside any calendar.
 */
interface TimeStep {
  /** Milliseconds within roughly 300,000 years of 1970; beyond that calendars overflow. */
  long SANE_MILLIS = 10_000_000_000_000_000L;
  long MILLIS_PER_DAY = DateTimeUtils.MILLIS_PER_DAY;

  /** The least x such that f(x) >= v under some candidate semantics. */
  long earliestReaching(long v);

  /** The least x such that f(x) >= v under every candidate semantics. */
  long latestReaching(long v);

  /** f(x) when every candidate semantics agrees on it, else empty. */
  OptionalLong apply(long x);

  static TimeStep shift(long delta) {
    if (Math.abs(delta) > SANE_MILLIS) {
      throw new OutOfRange();
    }
    return new Exact(x -> x + delta, v -> v - delta);
  }

  /** {@code FLOOR(x TO unit)} for a TIMESTAMP, or a DATE with a unit of a day or more. */
  static TimeStep floor(TimeUnitRange unit) {
    if (unit == TimeUnitRange.WEEK) {
      return new Candidates(List.of(weekFloor(0), weekFloor(MILLIS_PER_DAY)));
    }
    return new Exact(x -> floorTo(unit, x), v -> ceilTo(unit, v));
  }

  /** {@code CEIL(x TO unit)}: the least x whose ceiling reaches v is just above floor(v - 1). */
  static TimeStep ceil(TimeUnitRange unit) {
    if (unit == TimeUnitRange.WEEK) {
      return new Candidates(List.of(weekCeil(0), weekCeil(MILLIS_PER_DAY)));
    }
    return new Exact(x -> ceilTo(unit, x), v -> floorTo(unit, v - 1) + 1);
  }

  /** {@code CAST(x AS DATE)} for a TIMESTAMP: the day, as Calcite computes it (floorDiv). */
  static TimeStep toDate() {
    return floor(TimeUnitRange.DAY);
  }

  /**
   * {@code CAST(x AS TIMESTAMP(precision))} narrowing milliseconds: unchanged (Calcite),
   * truncated, or rounded half up or half down (Trino, PostgreSQL).
   */
  static TimeStep toPrecision(int precision) {
    long unit = precision <= 0 ? 1000 : precision == 1 ? 100 : 10;
    long half = unit / 2;
    return new Candidates(List.of(
        new Exact(x -> x, v -> v),
        new Exact(x -> SqlFunctions.floor(x, unit), v -> SqlFunctions.ceil(sane(v), unit)),
        new Exact(x -> SqlFunctions.floor(x + half, unit),
            v -> SqlFunctions.ceil(sane(v), unit) - half),
        new Exact(x -> SqlFunctions.ceil(x - half, unit),
            v -> SqlFunctions.floor(sane(v) - 1, unit) + 1 + half)));
  }

  /** {@code EXTRACT(YEAR FROM x)}: from milliseconds to a year number. */
  static TimeStep year() {
    return new Exact(
        x -> DateTimeUtils.unixDateExtract(TimeUnitRange.YEAR,
            Math.floorDiv(sane(x), MILLIS_PER_DAY)),
        year -> {
          if (Math.abs(year) > 200_000) {
            throw new OutOfRange();
          }
          return DateTimeUtils.ymdToUnixDate((int) year, 1, 1) * MILLIS_PER_DAY;
        });
  }

  /** Whether {@code FLOOR}/{@code CEIL} to {@code unit} is understood here. */
  static boolean supportsUnit(TimeUnitRange unit, boolean dateOperand) {
    return switch (unit) {
      case YEAR, QUARTER, MONTH, WEEK, DAY -> true;
      case HOUR, MINUTE, SECOND -> !dateOperand;
      default -> false;
    };
  }

  /**
   * Calcite's FLOOR of a TIMESTAMP (RexImpTable's FloorImplementor): units of a day or more go
   * through the day and Avatica's calendar, smaller ones are arithmetic.
   */
  private static long floorTo(TimeUnitRange unit, long x) {
    long day = SqlFunctions.floor(sane(x), MILLIS_PER_DAY);
    return switch (unit) {
      case HOUR, MINUTE, SECOND -> SqlFunctions.floor(x, unit.startUnit.multiplier.longValue());
      case DAY -> day;
      default -> DateTimeUtils.unixTimestampFloor(unit, day);
    };
  }

  private static long ceilTo(TimeUnitRange unit, long x) {
    long day = SqlFunctions.ceil(sane(x), MILLIS_PER_DAY);
    return switch (unit) {
      case HOUR, MINUTE, SECOND -> SqlFunctions.ceil(x, unit.startUnit.multiplier.longValue());
      case DAY -> day;
      default -> DateTimeUtils.unixTimestampCeil(unit, day);
    };
  }

  /** Weeks starting {@code offset} after Calcite's Sunday: 0 for Sunday, a day for Monday. */
  private static Exact weekFloor(long offset) {
    return new Exact(x -> floorTo(TimeUnitRange.WEEK, x - offset) + offset,
        v -> ceilTo(TimeUnitRange.WEEK, v - offset) + offset);
  }

  private static Exact weekCeil(long offset) {
    return new Exact(x -> ceilTo(TimeUnitRange.WEEK, x - offset) + offset,
        v -> floorTo(TimeUnitRange.WEEK, v - 1 - offset) + 1 + offset);
  }

  private static long sane(long x) {
    if (Math.abs(x) > SANE_MILLIS) {
      throw new OutOfRange();
    }
    return x;
  }

  /** A function all engines compute alike; {@code leastReaching} is its exact inverse bound. */
  record Exact(LongUnaryOperator function, LongUnaryOperator leastReaching) implements TimeStep {
    @Override public long earliestReaching(long v) {
      return sane(leastReaching.applyAsLong(sane(v)));
    }

    @Override public long latestReaching(long v) {
      return earliestReaching(v);
    }

    @Override public OptionalLong apply(long x) {
      return OptionalLong.of(sane(function.applyAsLong(sane(x))));
    }
  }

  /** A function engines compute differently: each candidate is one engine's version. */
  record Candidates(List<Exact> candidates) implements TimeStep {
    @Override public long earliestReaching(long v) {
      return candidates.stream().mapToLong(c -> c.earliestReaching(v)).min().orElseThrow();
    }

    @Override public long latestReaching(long v) {
      return candidates.stream().mapToLong(c -> c.latestReaching(v)).max().orElseThrow();
    }

    @Override public OptionalLong apply(long x) {
      long first = candidates.get(0).apply(x).orElseThrow();
      for (Exact candidate : candidates) {
        if (candidate.apply(x).orElseThrow() != first) {
          return OptionalLong.empty();
        }
      }
      return OptionalLong.of(first);
    }
  }

  /**
   * A value too far from 1970 for calendar arithmetic: the comparison it came from is not
   * understood, which is always a safe answer. An exception because it can arise deep inside a
   * chain of steps and only the comparison as a whole can fall back.
   */
  final class OutOfRange extends RuntimeException {
    OutOfRange() {
      super(null, null, false, false);
    }
  }
}
