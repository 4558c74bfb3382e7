package io.tiergate.server.query;

import io.tiergate.planner.cost.BranchCost;
import io.tiergate.planner.cost.CostEstimate;
import io.tiergate.planner.exec.TierRead;
import io.tiergate.planner.manifest.Tier;
import io.tiergate.planner.manifest.TimeSlice;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The last {@code size} tier reads of finished statements, each as the range of ages (in whole
 * days, at the statement's start) of the data it read, and what {@code tiergate.access} makes
 * of them: per table, tier and day of age, how many statements read that day and what their
 * reads were estimated to cost. Reads are kept as age ranges, not expanded per day, so a query
 * over seven years of the cold tier costs one entry; the table expands them when it is read.
 */
public final class AccessLog {
  static final long DAY = 86_400_000L;
  /** Ages beyond this are counted here: an unbounded range must not expand without end. */
  static final int MAX_AGE_DAYS = 20 * 366;
  private static final Duration RECENT = Duration.ofDays(1);

  private final int size;
  private final Deque<Read> reads;

  /** A table's tier read by one statement: the ages it read and its share of the estimate. */
  record Read(String table, Tier tier, int youngestDay, int oldestDay, Instant at,
      double costUsd) {
    int days() {
      return oldestDay - youngestDay + 1;
    }
  }

  /** One row of {@code tiergate.access}. */
  public record AgeAccess(String table, Tier tier, int ageDays, long reads, long readsLastDay,
      Instant lastReadAt, double estimatedCostUsd) {
  }

  public AccessLog(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("An access log holds 1 read or more, not " + size);
    }
    this.size = size;
    this.reads = new ArrayDeque<>(Math.min(size, 1024));
  }

  /**
   * Records what one statement that started at {@code at} read. Each tier's estimated cost is
   * shared among that tier's reads by the number of days each read.
   */
  public void add(Instant at, List<TierRead> tierReads, CostEstimate estimate) {
    List<Read> ranges = new ArrayList<>();
    for (TierRead read : tierReads) {
      for (TimeSlice slice : read.range().slices()) {
        Read r = ages(read.table(), read.tier(), slice, at);
        if (r != null) {
          ranges.add(r);
        }
      }
    }
    if (ranges.isEmpty()) {
      return;
    }
    Map<Tier, Double> costs = new EnumMap<>(Tier.class);
    if (estimate != null) {
      for (BranchCost branch : estimate.branches()) {
        costs.merge(branch.tier(), branch.usd(), Double::sum);
      }
    }
    Map<Tier, Long> days = new EnumMap<>(Tier.class);
    ranges.forEach(r -> days.merge(r.tier(), (long) r.days(), Long::sum));
    synchronized (this) {
      for (Read r : ranges) {
        double share = costs.getOrDefault(r.tier(), 0.0) * r.days() / days.get(r.tier());
        if (reads.size() == size) {
          reads.removeFirst();
        }
        reads.addLast(new Read(r.table(), r.tier(), r.youngestDay(), r.oldestDay(), at, share));
      }
    }
  }

  /** The ages of the data in {@code slice} at {@code at}; null when it holds none yet. */
  static Read ages(String table, Tier tier, TimeSlice slice, Instant at) {
    long now = at.toEpochMilli();
    if (slice.isEmpty() || slice.fromInclusive() > now) {
      return null; // data from the future does not exist yet
    }
    long youngest = Math.min(slice.toExclusive() - 1, now);
    long oldest = Math.max(slice.fromInclusive(), now - MAX_AGE_DAYS * DAY);
    if (oldest > youngest) {
      return null;
    }
    return new Read(table, tier, (int) ((now - youngest) / DAY), (int) ((now - oldest) / DAY),
        at, 0);
  }

  /**
   * Per table, tier and day of age, the reads recorded, in that order; {@code now} decides
   * which were in the last day.
   */
  public List<AgeAccess> byAge(Instant now) {
    List<Read> snapshot;
    synchronized (this) {
      snapshot = List.copyOf(reads);
    }
    Instant dayAgo = now.minus(RECENT);
    // A difference array per table and tier: +1 where a read's ages start, -1 past their end.
    Map<String, Map<Tier, Counts>> counts = new TreeMap<>();
    for (Read r : snapshot) {
      Counts c = counts.computeIfAbsent(r.table(), t -> new EnumMap<>(Tier.class))
          .computeIfAbsent(r.tier(), t -> new Counts());
      c.add(r, !r.at().isBefore(dayAgo));
    }
    List<AgeAccess> rows = new ArrayList<>();
    counts.forEach((table, byTier) -> byTier.forEach((tier, c) -> c.rows(table, tier, rows)));
    return rows;
  }

  /** The reads of one table's tier by day of age, as difference arrays until expanded. */
  private static final class Counts {
    private final long[] reads = new long[MAX_AGE_DAYS + 2];
    private final long[] recent = new long[MAX_AGE_DAYS + 2];
    private final double[] usdPerDay = new double[MAX_AGE_DAYS + 2];
    private final Instant[] lastRead = new Instant[MAX_AGE_DAYS + 1];
    private final List<Read> all = new ArrayList<>();

    void add(Read r, boolean lastDay) {
      reads[r.youngestDay()]++;
      reads[r.oldestDay() + 1]--;
      if (lastDay) {
        recent[r.youngestDay()]++;
        recent[r.oldestDay() + 1]--;
      }
      double perDay = r.costUsd() / r.days();
      usdPerDay[r.youngestDay()] += perDay;
      usdPerDay[r.oldestDay() + 1] -= perDay;
      all.add(r);
    }

    void rows(String table, Tier tier, List<AgeAccess> out) {
      // Reads arrive oldest first, so the last to cover a day is its latest read.
      for (Read r : all) {
        for (int day = r.youngestDay(); day <= r.oldestDay(); day++) {
          lastRead[day] = r.at();
        }
      }
      long n = 0;
      long m = 0;
      double usd = 0;
      for (int day = 0; day <= MAX_AGE_DAYS; day++) {
        n += reads[day];
        m += recent[day];
        usd += usdPerDay[day];
        if (n > 0) {
          out.add(new AgeAccess(table, tier, day, n, m, lastRead[day], Math.max(0, usd)));
        }
      }
    }
  }
}
