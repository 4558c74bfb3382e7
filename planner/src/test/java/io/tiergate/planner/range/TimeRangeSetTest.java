package io.tiergate.planner.range;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiergate.planner.manifest.TimeSlice;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimeRangeSetTest {
  @Test void normalizesToSortedDisjointNonTouchingSlices() {
    TimeRangeSet set = TimeRangeSet.of(new TimeSlice(20, 30), new TimeSlice(5, 5),
        new TimeSlice(0, 10), new TimeSlice(10, 12), new TimeSlice(25, 40), new TimeSlice(9, 3));
    assertThat(set.slices()).containsExactly(new TimeSlice(0, 12), new TimeSlice(20, 40));
    assertThat(set).isEqualTo(TimeRangeSet.of(0, 12).union(TimeRangeSet.of(20, 40)));
  }

  @Test void allAndNone() {
    assertThat(TimeRangeSet.ALL.isAll()).isTrue();
    assertThat(TimeRangeSet.NONE.isNone()).isTrue();
    assertThat(TimeRangeSet.ALL.complement()).isEqualTo(TimeRangeSet.NONE);
    assertThat(TimeRangeSet.NONE.complement()).isEqualTo(TimeRangeSet.ALL);
    assertThat(TimeRangeSet.of(Long.MIN_VALUE, 0).union(TimeRangeSet.atLeast(0)).isAll()).isTrue();
    assertThat(TimeRangeSet.of(5, 5).isNone()).isTrue();
  }

  @Test void inclusiveBoundsBecomeTheNextMillisecond() {
    assertThat(TimeRangeSet.atMost(100)).isEqualTo(TimeRangeSet.lessThan(101));
    assertThat(TimeRangeSet.greaterThan(100)).isEqualTo(TimeRangeSet.atLeast(101));
    assertThat(TimeRangeSet.point(100)).isEqualTo(TimeRangeSet.of(100, 101));
    assertThat(TimeRangeSet.atMost(100).contains(100)).isTrue();
    assertThat(TimeRangeSet.atMost(100).contains(101)).isFalse();
    assertThat(TimeRangeSet.greaterThan(100).contains(100)).isFalse();
  }

  @Test void unboundedEndsStayUnbounded() {
    assertThat(TimeRangeSet.atMost(Long.MAX_VALUE)).isEqualTo(TimeRangeSet.ALL);
    assertThat(TimeRangeSet.greaterThan(Long.MIN_VALUE)).isEqualTo(TimeRangeSet.ALL);
    assertThat(TimeRangeSet.greaterThan(Long.MAX_VALUE).isNone()).isTrue();
  }

  @Test void containsIncludesFromAndExcludesTo() {
    TimeRangeSet set = TimeRangeSet.of(0, 10).union(TimeRangeSet.of(20, 30));
    assertThat(set.contains(0)).isTrue();
    assertThat(set.contains(9)).isTrue();
    assertThat(set.contains(10)).isFalse();
    assertThat(set.contains(19)).isFalse();
    assertThat(set.contains(20)).isTrue();
    assertThat(set.contains(30)).isFalse();
  }

  @Test void overlapsNeedsACommonMillisecond() {
    TimeRangeSet set = TimeRangeSet.of(0, 10).union(TimeRangeSet.of(20, 30));
    assertThat(set.overlaps(new TimeSlice(10, 20))).isFalse();
    assertThat(set.overlaps(new TimeSlice(9, 20))).isTrue();
    assertThat(set.overlaps(new TimeSlice(19, 21))).isTrue();
    assertThat(set.overlaps(new TimeSlice(5, 5))).isFalse();
    assertThat(TimeRangeSet.ALL.overlaps(TimeSlice.ALL)).isTrue();
    assertThat(TimeRangeSet.NONE.overlaps(TimeSlice.ALL)).isFalse();
  }

  @Test void spanCoversFirstToLast() {
    assertThat(TimeRangeSet.of(0, 10).union(TimeRangeSet.of(20, 30)).span())
        .isEqualTo(new TimeSlice(0, 30));
    assertThat(TimeRangeSet.lessThan(5).span().hasLowerBound()).isFalse();
    assertThat(TimeRangeSet.NONE.span().isEmpty()).isTrue();
  }

  @Test void printsItsSlices() {
    assertThat(TimeRangeSet.of(0, 1000).union(TimeRangeSet.atLeast(2000)).toString())
        .isEqualTo("{[1970-01-01T00:00:00Z, 1970-01-01T00:00:01Z), [1970-01-01T00:00:02Z, +inf)}");
  }

  /** Set algebra against membership computed point by point on a small universe. */
  @Test void algebraAgreesWithPointwiseMembership() {
    Random random = new Random(20240101L);
    for (int round = 0; round < 3000; round++) {
      TimeRangeSet a = randomSet(random);
      TimeRangeSet b = randomSet(random);
      for (TimeRangeSet result : List.of(a.union(b), a.intersect(b), a.complement())) {
        assertNormalized(result);
      }
      for (long t = -3; t <= 33; t++) {
        boolean inA = a.contains(t);
        boolean inB = b.contains(t);
        assertThat(a.union(b).contains(t)).isEqualTo(inA || inB);
        assertThat(a.intersect(b).contains(t)).isEqualTo(inA && inB);
        assertThat(a.complement().contains(t)).isEqualTo(!inA);
      }
      assertThat(a.complement().complement()).isEqualTo(a);
      assertThat(a.union(b).complement()).isEqualTo(a.complement().intersect(b.complement()));
      assertThat(a.overlaps(b.span())).isEqualTo(!a.intersect(TimeRangeSet.of(b.span())).isNone());
    }
  }

  private static TimeRangeSet randomSet(Random random) {
    List<TimeSlice> slices = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      long from = random.nextInt(10) == 0 ? Long.MIN_VALUE : random.nextInt(32);
      long to = random.nextInt(10) == 0 ? Long.MAX_VALUE : random.nextInt(32);
      slices.add(new TimeSlice(from, to));
    }
    return TimeRangeSet.of(slices);
  }

  private static void assertNormalized(TimeRangeSet set) {
    for (int i = 0; i < set.slices().size(); i++) {
      assertThat(set.slices().get(i).isEmpty()).isFalse();
      if (i > 0) {
        assertThat(set.slices().get(i - 1).toExclusive())
            .isLessThan(set.slices().get(i).fromInclusive());
      }
    }
  }
}
