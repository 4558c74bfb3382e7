package io.tiergate.planner.range;

import io.tiergate.planner.manifest.TimeSlice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.TimestampString;

/**
 * A set of event times in epoch milliseconds: a union of half-open {@link TimeSlice}s, kept
 * normalized (sorted, non-empty, neither overlapping nor touching) so that two sets holding the
 * same times are equal.
 *
 * <p>{@link Long#MIN_VALUE} and {@link Long#MAX_VALUE} stand for unbounded ends, as in
 * {@code TimeSlice}; times themselves are assumed to lie strictly between them.
 *
 * <p>Every bound is half-open because the time column is a {@code TIMESTAMP(3)}: its values are
 * whole milliseconds, so an inclusive upper bound {@code t <= x} is exactly {@code t < x + 1}
 * ({@link #atMost}) and an exclusive lower bound {@code t > x} is exactly {@code t >= x + 1}
 * ({@link #greaterThan}). No time lies between {@code x} and {@code x + 1}.
 */
public record TimeRangeSet(List<TimeSlice> slices) {
  public static final TimeRangeSet ALL = new TimeRangeSet(List.of(TimeSlice.ALL));
  public static final TimeRangeSet NONE = new TimeRangeSet(List.of());

  /** The span of {@link #NONE}: an empty slice. */
  private static final TimeSlice EMPTY_SPAN = new TimeSlice(0, 0);

  public TimeRangeSet {
    slices = normalize(slices);
  }

  public static TimeRangeSet of(TimeSlice... slices) {
    return new TimeRangeSet(Arrays.asList(slices));
  }

  public static TimeRangeSet of(Collection<TimeSlice> slices) {
    return new TimeRangeSet(List.copyOf(slices));
  }

  /** {@code [fromInclusive, toExclusive)}; empty when {@code fromInclusive >= toExclusive}. */
  public static TimeRangeSet of(long fromInclusive, long toExclusive) {
    return of(new TimeSlice(fromInclusive, toExclusive));
  }

  /** The single millisecond {@code t}. */
  public static TimeRangeSet point(long t) {
    return of(t, saturatedIncrement(t));
  }

  /** Times {@code >= t}. */
  public static TimeRangeSet atLeast(long t) {
    return of(t, Long.MAX_VALUE);
  }

  /** Times {@code > t}, that is {@code >= t + 1}. */
  public static TimeRangeSet greaterThan(long t) {
    return of(saturatedIncrement(t), Long.MAX_VALUE);
  }

  /** Times {@code < t}. */
  public static TimeRangeSet lessThan(long t) {
    return of(Long.MIN_VALUE, t);
  }

  /** Times {@code <= t}, that is {@code < t + 1}. */
  public static TimeRangeSet atMost(long t) {
    return of(Long.MIN_VALUE, saturatedIncrement(t));
  }

  public boolean isAll() {
    return equals(ALL);
  }

  public boolean isNone() {
    return slices.isEmpty();
  }

  public boolean contains(long t) {
    for (TimeSlice slice : slices) {
      if (slice.contains(t)) {
        return true;
      }
      if (slice.fromInclusive() > t) {
        return false;
      }
    }
    return false;
  }

  /** Whether some time of {@code slice} is in this set. */
  public boolean overlaps(TimeSlice slice) {
    for (TimeSlice mine : slices) {
      if (!mine.intersect(slice).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** The smallest single slice holding every time of this set; an empty slice for NONE. */
  public TimeSlice span() {
    if (slices.isEmpty()) {
      return EMPTY_SPAN;
    }
    return new TimeSlice(slices.get(0).fromInclusive(),
        slices.get(slices.size() - 1).toExclusive());
  }

  public TimeRangeSet union(TimeRangeSet other) {
    List<TimeSlice> all = new ArrayList<>(slices);
    all.addAll(other.slices);
    return new TimeRangeSet(all);
  }

  public TimeRangeSet intersect(TimeRangeSet other) {
    List<TimeSlice> result = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < slices.size() && j < other.slices.size()) {
      TimeSlice a = slices.get(i);
      TimeSlice b = other.slices.get(j);
      TimeSlice both = a.intersect(b);
      if (!both.isEmpty()) {
        result.add(both);
      }
      if (a.toExclusive() <= b.toExclusive()) {
        i++;
      } else {
        j++;
      }
    }
    return new TimeRangeSet(result);
  }

  public TimeRangeSet complement() {
    List<TimeSlice> gaps = new ArrayList<>();
    long from = Long.MIN_VALUE;
    for (TimeSlice slice : slices) {
      gaps.add(new TimeSlice(from, slice.fromInclusive()));
      from = slice.toExclusive();
    }
    gaps.add(new TimeSlice(from, Long.MAX_VALUE));
    return new TimeRangeSet(gaps);
  }

  /**
   * A predicate on {@code timeColumn} that holds exactly for the non-null times of this set:
   * {@code t >= from AND t < to} per slice (or {@code t = x} for a single millisecond), OR-ed.
   * ALL gives TRUE, which also lets rows with a NULL time through: like the extractor, this
   * speaks only of non-null times, and the caller decides about NULL ones.
   */
  public RexNode toPredicate(RexBuilder rexBuilder, RexNode timeColumn) {
    if (timeColumn.getType().getSqlTypeName() != SqlTypeName.TIMESTAMP) {
      throw new IllegalArgumentException("time column must be a TIMESTAMP, not "
          + timeColumn.getType());
    }
    List<RexNode> disjuncts = new ArrayList<>();
    for (TimeSlice slice : slices) {
      List<RexNode> bounds = new ArrayList<>();
      if (slice.hasLowerBound() && slice.hasUpperBound()
          && slice.toExclusive() - slice.fromInclusive() == 1) {
        bounds.add(rexBuilder.makeCall(SqlStdOperatorTable.EQUALS, timeColumn,
            timestamp(rexBuilder, slice.fromInclusive())));
      } else {
        if (slice.hasLowerBound()) {
          bounds.add(rexBuilder.makeCall(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, timeColumn,
              timestamp(rexBuilder, slice.fromInclusive())));
        }
        if (slice.hasUpperBound()) {
          bounds.add(rexBuilder.makeCall(SqlStdOperatorTable.LESS_THAN, timeColumn,
              timestamp(rexBuilder, slice.toExclusive())));
        }
      }
      disjuncts.add(RexUtil.composeConjunction(rexBuilder, bounds));
    }
    return RexUtil.composeDisjunction(rexBuilder, disjuncts);
  }

  @Override public String toString() {
    return slices.stream().map(TimeSlice::toString).collect(Collectors.joining(", ", "{", "}"));
  }

  private static RexNode timestamp(RexBuilder rexBuilder, long millis) {
    return rexBuilder.makeTimestampLiteral(TimestampString.fromMillisSinceEpoch(millis), 3);
  }

  /** {@code t + 1}, except that the unbounded ends stay unbounded. */
  private static long saturatedIncrement(long t) {
    return t == Long.MAX_VALUE || t == Long.MIN_VALUE ? t : t + 1;
  }

  private static List<TimeSlice> normalize(List<TimeSlice> slices) {
    List<TimeSlice> sorted = slices.stream()
        .filter(slice -> !slice.isEmpty())
        .sorted(Comparator.comparingLong(TimeSlice::fromInclusive))
        .toList();
    List<TimeSlice> merged = new ArrayList<>();
    for (TimeSlice slice : sorted) {
      int last = merged.size() - 1;
      // Touching slices merge too: [a, b) and [b, c) hold the same times as [a, c).
      if (last >= 0 && merged.get(last).toExclusive() >= slice.fromInclusive()) {
        TimeSlice previous = merged.get(last);
        merged.set(last, new TimeSlice(previous.fromInclusive(),
            Math.max(previous.toExclusive(), slice.toExclusive())));
      } else {
        merged.add(slice);
      }
    }
    return List.copyOf(merged);
  }
}
