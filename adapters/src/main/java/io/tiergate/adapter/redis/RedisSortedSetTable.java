package io.tiergate.adapter.redis;

import io.lettuce.core.ScoredValue;
import io.tiergate.planner.catalog.ColumnSpec;
import io.tiergate.planner.manifest.TimeSlice;
import io.tiergate.planner.range.EvaluationContext;
import io.tiergate.planner.range.TimeRangeExtractor;
import io.tiergate.planner.range.TimeRangeSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Time series in Redis sorted sets, one set per series at {@code <prefix><name>}: columns
 * (name VARCHAR, ts TIMESTAMP, value DOUBLE). The score is the time in epoch millis; the member
 * is {@code <millis>:<value>}, so two points of one series never collapse into one member. A
 * series is read with ZRANGEBYSCORE over the time range of the filters, one command per
 * disjoint range (up to {@value #MAX_RANGES}, else their span).
 */
public final class RedisSortedSetTable extends RedisTable {
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

  @Override @Nullable KeyReader reader(List<RexNode> filters, int[] projection,
      EvaluationContext context) {
    TimeRangeSet times = TimeRangeSet.ALL;
    TimeRangeExtractor extractor = new TimeRangeExtractor(TIME_COLUMN);
    for (RexNode filter : filters) {
      times = times.intersect(extractor.extract(filter, context));
    }
    if (times.isNone()) {
      return null;
    }
    List<TimeSlice> ranges = times.slices().size() <= MAX_RANGES ? times.slices()
        : List.of(times.span());
    return new KeyReader() {
      @Override public CompletableFuture<List<Object[]>> read(String key, String id) {
        List<CompletableFuture<List<ScoredValue<String>>>> answers = ranges.stream()
            .map(r -> redis.async().zrangebyscoreWithScores(key, min(r), max(r))
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
        return String.join(", ", ranges.stream()
            .map(r -> "ZRANGEBYSCORE " + key + " " + min(r) + " " + max(r) + " WITHSCORES")
            .toList());
      }
    };
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
