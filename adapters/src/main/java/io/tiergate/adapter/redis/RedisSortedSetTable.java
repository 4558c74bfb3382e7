package io.tiergate.adapter.redis;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.tiergate.planner.catalog.ColumnSpec;
import io.tiergate.planner.manifest.TimeSlice;
import io.tiergate.planner.range.EvaluationContext;
import io.tiergate.planner.range.TimeRangeExtractor;
import io.tiergate.planner.range.TimeRangeSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableBitSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Time series in Redis sorted sets, one set per series at {@code <prefix><name>}: columns
 * (name VARCHAR, ts TIMESTAMP, value DOUBLE). The score is the time in epoch millis; the member
 * is {@code <millis>:<value>}, so two points of one series never collapse into one member. A
 * series is read with ZRANGEBYSCORE over the time range of the filters, one command per
 * disjoint range (up to {@value #MAX_RANGES}, else their span). Planning turns a scan into
 * {@link RedisRel} nodes so that a LIMIT can reach the command ({@link RedisRules} says when).
 * It is deliberately not a {@code ProjectableFilterableTable}: Calcite would then plan filtered
 * scans as an interpreted {@code BindableTableScan}, which compiles its filters with Janino at
 * every execution (about 10 ms, twenty times the ZRANGEBYSCORE itself).
 */
public final class RedisSortedSetTable extends RedisTable implements TranslatableTable {
  public static final List<ColumnSpec> COLUMNS = List.of(
      new ColumnSpec("name", SqlTypeName.VARCHAR),
      new ColumnSpec("ts", SqlTypeName.TIMESTAMP),
      new ColumnSpec("value", SqlTypeName.DOUBLE));
  static final int TIME_COLUMN = 1;
  static final int MAX_RANGES = 8;

  public RedisSortedSetTable(String name, RedisConnector redis, String keyPrefix,
      boolean scanAllowed) {
    super(name, redis, keyPrefix, COLUMNS, scanAllowed);
  }

  public static String member(long millis, double value) {
    return millis + ":" + value;
  }

  @Override public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return new RedisSortedSetScan(context.getCluster(), relOptTable, this, List.of());
  }

  @Override @Nullable KeyReader reader(List<RexNode> filters, int[] projection,
      EvaluationContext context) {
    return reader(filters, context, null);
  }

  /**
   * The rows of a query, full width, as {@link RedisToEnumerableConverter}'s generated code asks
   * for them: ZRANGEBYSCORE per key and range, with LIMIT when the query has a FETCH.
   */
  public Enumerable<@Nullable Object[]> query(DataContext root, RedisSortedSetQuery query) {
    EvaluationContext context = EvaluationContext.fromDataContext(root,
        EvaluationContext.parameterCount(query.filters()));
    CommandLimit limit = commandLimit(query, context);
    Integer fetch = query.fetch();
    // Lazy, as Calcite's enumerables are: nothing is sent before the first row is asked for.
    return new AbstractEnumerable<>() {
      @Override public Enumerator<@Nullable Object[]> enumerator() {
        Enumerable<@Nullable Object[]> rows = Linq4j.asEnumerable(read(query.filters(),
            projectionOrAll(null), context,
            () -> reader(query.filters(), context, limit == null ? null : limit.perCommand())));
        return (limit == null || fetch == null ? rows
            : rows.skip(limit.skippedHere()).take(fetch)).enumerator();
      }
    };
  }

  /** The commands {@link #query} would send, as far as they are known before execution. */
  public String nativeRequest(RedisSortedSetQuery query) {
    CommandLimit limit = commandLimit(query, EvaluationContext.PLAN_TIME);
    return describe(query.filters(), () -> reader(query.filters(), EvaluationContext.PLAN_TIME,
        limit == null ? null : limit.perCommand()));
  }

  /**
   * The LIMIT each ZRANGEBYSCORE gets, and the OFFSET left to skip over their concatenation.
   * One command (one key, one range) takes OFFSET and FETCH itself; with several, each returns
   * at most OFFSET + FETCH and the gateway cuts the rest (rows come key by key, range by range,
   * so for one key in ascending score order).
   */
  private record CommandLimit(Limit perCommand, int skippedHere) {
  }

  private static @Nullable CommandLimit commandLimit(RedisSortedSetQuery query,
      EvaluationContext context) {
    Integer fetch = query.fetch();
    if (fetch == null) {
      return null;
    }
    Optional<Set<String>> keys = RedisKeyPredicate.keys(query.filters(), 0, context);
    boolean oneCommand = keys.isPresent() && keys.get().size() == 1
        && ranges(times(query.filters(), context)).size() == 1;
    return oneCommand ? new CommandLimit(Limit.create(query.offset(), fetch), 0)
        : new CommandLimit(Limit.create(0, (long) query.offset() + fetch), query.offset());
  }

  /**
   * Whether the key and score ranges read are exactly the rows the filters select, so a LIMIT
   * sent with the command cuts rows that would have passed them: each conjunct fixes the keys,
   * or tests only the time and selects exactly the times extracted (the times its negation may
   * select do not overlap them), and the ranges are few enough to be read one by one.
   */
  static boolean readsExactly(List<RexNode> filters, RexBuilder rexBuilder) {
    TimeRangeExtractor extractor = new TimeRangeExtractor(TIME_COLUMN);
    TimeRangeSet times = TimeRangeSet.ALL;
    for (RexNode filter : filters) {
      for (RexNode conjunct : RelOptUtil.conjunctions(filter)) {
        if (RedisKeyPredicate.selectsKeysExactly(conjunct, 0)) {
          continue;
        }
        if (!RelOptUtil.InputFinder.bits(conjunct).equals(ImmutableBitSet.of(TIME_COLUMN))) {
          return false;
        }
        TimeRangeSet selected = extractor.extract(conjunct, EvaluationContext.PLAN_TIME);
        TimeRangeSet rejected = extractor.extract(
            rexBuilder.makeCall(SqlStdOperatorTable.NOT, conjunct), EvaluationContext.PLAN_TIME);
        if (!selected.intersect(rejected).isNone()) {
          return false;
        }
        times = times.intersect(selected);
      }
    }
    return times.slices().size() <= MAX_RANGES;
  }

  private static TimeRangeSet times(List<RexNode> filters, EvaluationContext context) {
    TimeRangeSet times = TimeRangeSet.ALL;
    TimeRangeExtractor extractor = new TimeRangeExtractor(TIME_COLUMN);
    for (RexNode filter : filters) {
      times = times.intersect(extractor.extract(filter, context));
    }
    return times;
  }

  private static List<TimeSlice> ranges(TimeRangeSet times) {
    return times.slices().size() <= MAX_RANGES ? times.slices() : List.of(times.span());
  }

  /** @param limit sent with every ZRANGEBYSCORE; null for none */
  private @Nullable KeyReader reader(List<RexNode> filters, EvaluationContext context,
      @Nullable Limit limit) {
    TimeRangeSet times = times(filters, context);
    if (times.isNone()) {
      return null;
    }
    List<TimeSlice> ranges = ranges(times);
    return new KeyReader() {
      @Override public CompletableFuture<List<Object[]>> read(String key, String id) {
        List<CompletableFuture<List<ScoredValue<String>>>> answers = ranges.stream()
            .map(r -> (limit == null ? redis.async().zrangebyscoreWithScores(key, scores(r))
                : redis.async().zrangebyscoreWithScores(key, scores(r), limit))
                .toCompletableFuture())
            .toList();
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(v -> {
          List<Object[]> rows = new ArrayList<>();
          for (CompletableFuture<List<ScoredValue<String>>> answer : answers) {
            for (ScoredValue<String> point : answer.join()) {
              String member = point.getValue();
              double value = Double.parseDouble(member.substring(member.indexOf(':') + 1));
              rows.add(new Object[] {id, (long) point.getScore(), value});
            }
          }
          return rows;
        });
      }

      @Override public String describe(String key) {
        String limited = limit == null ? ""
            : " LIMIT " + limit.getOffset() + " " + limit.getCount();
        return String.join(", ", ranges.stream()
            .map(r -> "ZRANGEBYSCORE " + key + " " + min(r) + " " + max(r) + " WITHSCORES"
                + limited)
            .toList());
      }
    };
  }

  /** The slice as scores; Lettuce writes them as {@link #min} and {@link #max} do. */
  private static Range<Long> scores(TimeSlice range) {
    return Range.from(
        range.hasLowerBound() ? Range.Boundary.including(range.fromInclusive())
            : Range.Boundary.unbounded(),
        range.hasUpperBound() ? Range.Boundary.excluding(range.toExclusive())
            : Range.Boundary.unbounded());
  }

  /**
   * The score range's lower bound: the slice's first millisecond, inclusive. Slices are
   * half-open millisecond ranges, so the upper bound is exclusive ({@code (}).
   */
  static String min(TimeSlice range) {
    return range.hasLowerBound() ? Long.toString(range.fromInclusive()) : "-inf";
  }

  static String max(TimeSlice range) {
    return range.hasUpperBound() ? "(" + range.toExclusive() : "+inf";
  }
}
