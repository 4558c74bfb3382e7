package io.tiergate.planner.range;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiergate.planner.range.RandomTimePredicates.Parameter;
import io.tiergate.planner.range.RandomTimePredicates.Predicate;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.TimestampString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Random predicates against Calcite's own execution of them. For every predicate and every row
 * of a table whose times sit on and a millisecond around the predicates' bounds:
 * <ul>
 *   <li>soundness: a row the predicate lets through has its time in the extracted set, for the
 *   condition as converted and as simplified, at execution and at plan time;
 *   <li>precision: when every part of the predicate is understood exactly, a time is in the set
 *   only if the predicate is TRUE there;
 *   <li>plan time: the plan-time set holds the execution-time set, and where they differ the
 *   extractor says the condition depends on runtime values.
 * </ul>
 */
class TimeRangeExtractorPropertyTest {
  private static final long SEED = 0x7133_6a7eL;
  private static final int BATCHES = 2;
  private static final int PREDICATES_PER_BATCH = 300;

  static long[] PROFILE = new long[3];
  private static RandomTimePredicates generator;
  private static CalciteOracle oracle;
  private final EventsConditions sql = new EventsConditions();
  private final TimeRangeExtractor extractor = new TimeRangeExtractor(EventsConditions.TIME_COLUMN);

  @BeforeAll static void startCalcite() throws Exception {
    generator = new RandomTimePredicates(SEED);
    List<Long> times = new ArrayList<>(generator.times());
    times.add(null);
    oracle = new CalciteOracle(times);
  }

  @AfterAll static void stopCalcite() throws Exception {
    oracle.close();
  }

  @Test void extractedRangesHoldEveryRowCalciteSelects() throws Exception {
    List<String> failures = new ArrayList<>();
    int checkedRows = 0;
    int exactPredicates = 0;
    for (int batch = 0; batch < BATCHES; batch++) {
      long now = generator.anyTime();
      List<Predicate> predicates = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      List<Parameter> parameters = new ArrayList<>();
      for (int i = 0; i < PREDICATES_PER_BATCH; i++) {
        Predicate predicate = generator.next();
        predicates.add(predicate);
        texts.add(predicate.sql());
        parameters.addAll(predicate.parameters());
      }
      long t0 = System.nanoTime();
      boolean[][] selected = oracle.evaluate(texts, parameters, now);
      long t1 = System.nanoTime();
      List<RexNode> conditions = sql.selected(texts);
      long t2 = System.nanoTime();
      PROFILE[0] += t1 - t0; PROFILE[1] += t2 - t1;
      List<Object> values = new ArrayList<>();
      parameters.forEach(parameter -> values.add(parameter.value()));
      EvaluationContext context = EvaluationContext.atExecution(now).withParameters(values.toArray());
      for (int p = 0; p < predicates.size(); p++) {
        Predicate predicate = predicates.get(p);
        exactPredicates += predicate.exact() ? 1 : 0;
        RexNode converted = conditions.get(p);
        long t3 = System.nanoTime();
        RexNode simplified = sql.simplify(converted);
        PROFILE[2] += System.nanoTime() - t3;
        TimeRangeSet atExecution = extractor.extract(converted, context);
        TimeRangeSet simplifiedAtExecution = extractor.extract(simplified, context);
        TimeRangeSet atPlanTime = extractor.extract(converted);
        String what = predicate.sql() + "\n  converted: " + converted + "\n  simplified: "
            + simplified + "\n  parameters " + predicate.parameters() + ", now "
            + TimestampString.fromMillisSinceEpoch(now);
        if (!atPlanTime.equals(atExecution) && !extractor.dependsOnRuntimeValues(converted)) {
          failures.add("depends on runtime values but says not: " + what);
        }
        for (int row = 0; row < oracle.rowCount(); row++) {
          Long time = oracle.time(row);
          if (time == null) {
            continue;
          }
          checkedRows++;
          boolean isTrue = selected[p][row];
          check(failures, what, "as converted", time, isTrue, atExecution, predicate.exact());
          check(failures, what, "simplified", time, isTrue, simplifiedAtExecution,
              predicate.exact());
          check(failures, what, "at plan time", time, isTrue, atPlanTime, false);
          if (atExecution.contains(time) && !atPlanTime.contains(time)) {
            failures.add("plan time narrower than execution at "
                + TimestampString.fromMillisSinceEpoch(time) + ": " + what);
          }
        }
      }
    }
    System.out.println("PROFILE oracle " + PROFILE[0] / 1_000_000 + " ms, plan " + PROFILE[1] / 1_000_000 + " ms, simplify " + PROFILE[2] / 1_000_000 + " ms");
    assertThat(failures).as("%d failures, first ones", failures.size())
        .isEmpty();
    assertThat(exactPredicates).as("share of exactly understood predicates")
        .isGreaterThan(BATCHES * PREDICATES_PER_BATCH / 4);
    assertThat(checkedRows).isGreaterThan(BATCHES * PREDICATES_PER_BATCH * 100);
  }

  private static void check(List<String> failures, String what, String form, long time,
      boolean isTrue, TimeRangeSet extracted, boolean exact) {
    if (failures.size() >= 20) {
      return;
    }
    if (isTrue && !extracted.contains(time)) {
      failures.add("UNSOUND (" + form + "): TRUE at " + TimestampString.fromMillisSinceEpoch(time)
          + " outside " + extracted + "\n  " + what);
    } else if (exact && !isTrue && extracted.contains(time)) {
      failures.add("IMPRECISE (" + form + "): not TRUE at "
          + TimestampString.fromMillisSinceEpoch(time) + " inside " + extracted + "\n  " + what);
    }
  }
}
