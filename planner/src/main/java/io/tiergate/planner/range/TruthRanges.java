package io.tiergate.planner.range;

/**
 * For a boolean expression, the times at which some row may see it TRUE, FALSE or UNKNOWN.
 * Each set is a superset (a row with that time and that outcome must have its time in it); they
 * may overlap, since rows with the same time can differ in other columns.
 *
 * <p>Keeping all three outcomes is what makes NOT sound: NOT p is TRUE exactly where p is FALSE,
 * which {@code mayBeTrue} alone cannot tell, and a comparison with NULL is neither.
 */
record TruthRanges(TimeRangeSet mayBeTrue, TimeRangeSet mayBeFalse, TimeRangeSet mayBeUnknown) {
  /** Not understood: any outcome at any time. */
  static final TruthRanges ANYTHING =
      new TruthRanges(TimeRangeSet.ALL, TimeRangeSet.ALL, TimeRangeSet.ALL);
  static final TruthRanges ALWAYS_TRUE =
      new TruthRanges(TimeRangeSet.ALL, TimeRangeSet.NONE, TimeRangeSet.NONE);
  static final TruthRanges ALWAYS_FALSE =
      new TruthRanges(TimeRangeSet.NONE, TimeRangeSet.ALL, TimeRangeSet.NONE);
  static final TruthRanges ALWAYS_UNKNOWN =
      new TruthRanges(TimeRangeSet.NONE, TimeRangeSet.NONE, TimeRangeSet.ALL);

  /** TRUE exactly on {@code trueTimes}, FALSE exactly elsewhere, never UNKNOWN. */
  static TruthRanges twoValued(TimeRangeSet trueTimes, TimeRangeSet falseTimes) {
    return new TruthRanges(trueTimes, falseTimes, TimeRangeSet.NONE);
  }

  /** AND is UNKNOWN where one side is UNKNOWN and the other TRUE or UNKNOWN. */
  TruthRanges and(TruthRanges other) {
    return new TruthRanges(
        mayBeTrue.intersect(other.mayBeTrue),
        mayBeFalse.union(other.mayBeFalse),
        mayBeUnknown.intersect(other.mayBeTrue.union(other.mayBeUnknown))
            .union(other.mayBeUnknown.intersect(mayBeTrue.union(mayBeUnknown))));
  }

  /** OR is UNKNOWN where one side is UNKNOWN and the other FALSE or UNKNOWN. */
  TruthRanges or(TruthRanges other) {
    return new TruthRanges(
        mayBeTrue.union(other.mayBeTrue),
        mayBeFalse.intersect(other.mayBeFalse),
        mayBeUnknown.intersect(other.mayBeFalse.union(other.mayBeUnknown))
            .union(other.mayBeUnknown.intersect(mayBeFalse.union(mayBeUnknown))));
  }

  TruthRanges not() {
    return new TruthRanges(mayBeFalse, mayBeTrue, mayBeUnknown);
  }

  TruthRanges isTrue() {
    return twoValued(mayBeTrue, mayBeFalse.union(mayBeUnknown));
  }

  TruthRanges isFalse() {
    return twoValued(mayBeFalse, mayBeTrue.union(mayBeUnknown));
  }

  TruthRanges isUnknown() {
    return twoValued(mayBeUnknown, mayBeTrue.union(mayBeFalse));
  }
}
