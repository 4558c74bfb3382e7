package io.tiergate.server.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tiergate.planner.cost.BranchCost;
import io.tiergate.planner.cost.CostEstimate;
import io.tiergate.planner.exec.TierRead;
import io.tiergate.planner.manifest.Tier;
import io.tiergate.planner.manifest.TimeSlice;
import io.tiergate.planner.range.TimeRangeSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** tiergate.access's arithmetic: ages in whole days at the statement's start, counts, costs. */
class AccessLogTest {
  private static final long DAY = AccessLog.DAY;
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private static final long T = NOW.toEpochMilli();

  private static TierRead read(String table, Tier tier, long from, long to) {
    return new TierRead(table, tier, TimeRangeSet.of(from, to));
  }

  @Test void agesAreWholeDaysBeforeTheStatementStartedFutureTimeHasNone() {
    AccessLog.Read cold = AccessLog.ages("events", Tier.COLD, new TimeSlice(T - 10 * DAY,
        T - 5 * DAY), NOW);
    assertThat(cold.youngestDay()).isEqualTo(5);
    assertThat(cold.oldestDay()).isEqualTo(10);
    // the hot slice has no upper bound: its youngest data is as old as now
    AccessLog.Read hot = AccessLog.ages("events", Tier.HOT, new TimeSlice(T - 30 * DAY,
        Long.MAX_VALUE), NOW);
    assertThat(hot.youngestDay()).isZero();
    assertThat(hot.oldestDay()).isEqualTo(30);
    assertThat(AccessLog.ages("events", Tier.HOT, new TimeSlice(T + DAY, Long.MAX_VALUE), NOW))
        .isNull();
    // an unbounded lower end stops at the oldest age counted
    assertThat(AccessLog.ages("events", Tier.COLD, new TimeSlice(Long.MIN_VALUE, T), NOW)
        .oldestDay()).isEqualTo(AccessLog.MAX_AGE_DAYS);
  }

  @Test void countsReadsPerDayOfAgeAndThoseOfTheLastDay() {
    AccessLog log = new AccessLog(100);
    Instant twoDaysAgo = NOW.minus(Duration.ofDays(2));
    // two days before NOW, a read of ages 3..5 as they were then
    log.add(twoDaysAgo, List.of(read("events", Tier.WARM, twoDaysAgo.toEpochMilli() - 6 * DAY + 1,
        twoDaysAgo.toEpochMilli() - 3 * DAY)), CostEstimate.NONE);
    log.add(NOW, List.of(read("events", Tier.WARM, T - 5 * DAY + 1, T - 4 * DAY)),
        CostEstimate.NONE);

    List<AccessLog.AgeAccess> rows = log.byAge(NOW.plusSeconds(1));
    assertThat(rows).extracting(AccessLog.AgeAccess::ageDays).containsExactly(3, 4, 5);
    assertThat(rows).extracting(AccessLog.AgeAccess::reads).containsExactly(1L, 2L, 1L);
    assertThat(rows).extracting(AccessLog.AgeAccess::readsLastDay).containsExactly(0L, 1L, 0L);
    assertThat(rows).extracting(AccessLog.AgeAccess::lastReadAt)
        .containsExactly(twoDaysAgo, NOW, twoDaysAgo);
  }

  @Test void aTiersEstimateIsSharedAmongItsReadsByTheirDays() {
    AccessLog log = new AccessLog(100);
    // one statement, two cold ranges (a cold tier cut at its archived runs): 10 and 20 days
    log.add(NOW, List.of(read("events", Tier.COLD, T - 110 * DAY + 1, T - 100 * DAY),
        read("events", Tier.COLD, T - 220 * DAY + 1, T - 200 * DAY),
        read("events", Tier.HOT, T - DAY + 1, T)),
        new CostEstimate(List.of(new BranchCost(Tier.COLD, "athena", 0.2, ""),
            new BranchCost(Tier.COLD, "athena", 0.1, ""),
            new BranchCost(Tier.HOT, "dynamodb", 0.000002, ""))));
    List<AccessLog.AgeAccess> rows = log.byAge(NOW);
    double cold = rows.stream().filter(r -> r.tier() == Tier.COLD)
        .mapToDouble(AccessLog.AgeAccess::estimatedCostUsd).sum();
    assertThat(cold).isCloseTo(0.3, within(1e-9));
    assertThat(rows.stream().filter(r -> r.tier() == Tier.COLD && r.ageDays() == 105)
        .findFirst().orElseThrow().estimatedCostUsd()).isCloseTo(0.01, within(1e-9));
    assertThat(rows.stream().filter(r -> r.tier() == Tier.HOT).toList())
        .extracting(AccessLog.AgeAccess::ageDays).containsExactly(0);
    assertThat(rows.stream().filter(r -> r.tier() == Tier.COLD)).hasSize(30);
  }

  @Test void keepsTheLastReadsOnly() {
    AccessLog log = new AccessLog(2);
    log.add(NOW, List.of(read("events", Tier.WARM, T - 50 * DAY + 1, T - 49 * DAY)),
        CostEstimate.NONE);
    log.add(NOW, List.of(read("events", Tier.WARM, T - 2 * DAY + 1, T - DAY),
        read("sessions", Tier.HOT, T - DAY + 1, T)), CostEstimate.NONE);
    assertThat(log.byAge(NOW)).extracting(AccessLog.AgeAccess::table, AccessLog.AgeAccess::ageDays)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("events", 1),
            org.assertj.core.groups.Tuple.tuple("sessions", 0));
  }
}
