package io.tiergate.planner.manifest;

import java.time.Instant;

/**
 * A half-open interval of event time in epoch milliseconds: {@code [from, to)}.
 * Half-open so that adjacent tiers share a boundary without a row belonging to both.
 * {@link Long#MIN_VALUE} and {@link Long#MAX_VALUE} stand for unbounded ends.
 */
public record TimeSlice(long fromInclusive, long toExclusive) {
  public static final TimeSlice ALL = new TimeSlice(Long.MIN_VALUE, Long.MAX_VALUE);

  public boolean isEmpty() {
    return fromInclusive >= toExclusive;
  }

  public boolean hasLowerBound() {
    return fromInclusive != Long.MIN_VALUE;
  }

  public boolean hasUpperBound() {
    return toExclusive != Long.MAX_VALUE;
  }

  public boolean contains(long millis) {
    return millis >= fromInclusive && millis < toExclusive;
  }

  public TimeSlice intersect(TimeSlice other) {
    return new TimeSlice(Math.max(fromInclusive, other.fromInclusive),
        Math.min(toExclusive, other.toExclusive));
  }

  @Override public String toString() {
    return "[" + (hasLowerBound() ? Instant.ofEpochMilli(fromInclusive) : "-inf")
        + ", " + (hasUpperBound() ? Instant.ofEpochMilli(toExclusive) : "+inf") + ")";
  }
}
