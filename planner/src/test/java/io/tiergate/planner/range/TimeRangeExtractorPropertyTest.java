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
  /** Fixed so that a failure reproduces; {@code -Dtiergate.range.seed=...} explores others. */
  private static final long SEED = Long.getLong("tiergate.range.seed", 0x7133_6a7eL);
  /** Each batch is one Calcite statement (compiling it is most of the cost): ~0.5-1 s each. */
  private static final int BATCHES = Integer.getInteger("tiergate.range.batches", 10);
  /** About as many as Janino compiles into one generated method. */
  private static final int PREDICATES_PER_BATCH = 100;

  private static RandomTimePredicates generator;
  private static CalciteOracle oracle;
  private final TimeRangeExtractor extractor =
      new TimeRangeExtractor(EventsConditions.TIME_COLUMN);

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
    Failures failures = new Failures();
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
      CalciteOracle.Evaluation evaluation = oracle.evaluate(texts, parameters, now);
      List<Object> values = new ArrayList<>();
      parameters.forEach(parameter -> values.add(parameter.value()));
      EvaluationContext context =
          EvaluationContext.atExecution(now).withParameters(values.toArray());
      for (int p = 0; p < predicates.size(); p++) {
        Predicate predicate = predicates.get(p);
        exactPredicates += predicate.exact() ? 1 : 0;
        RexNode converted = evaluation.conditions().get(p);
        RexNode simplified = EventsConditions.simplify(evaluation.rexBuilder(), converted);
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
          boolean isTrue = evaluation.selected()[p][row];
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
    System.out.printf("seed %d: %d predicates (%d understood exactly), %d rows checked%n",
        SEED, BATCHES * PREDICATES_PER_BATCH, exactPredicates, checkedRows);
    assertThat(failures.first).as("%d failures, the first ones", failures.count).isEmpty();
    assertThat(exactPredicates).as("share of exactly understood predicates")
        .isGreaterThan(BATCHES * PREDICATES_PER_BATCH / 4);
    assertThat(checkedRows).isGreaterThan(BATCHES * PREDICATES_PER_BATCH * 100);
  }

  private static void check(Failures failures, String what, String form, long time,
      boolean isTrue, TimeRangeSet extracted, boolean exact) {
    if (isTrue && !extracted.contains(time)) {
      failures.add("UNSOUND (" + form + "): TRUE at " + TimestampString.fromMillisSinceEpoch(time)
          + " outside " + extracted + "\n  " + what);
    } else if (exact && !isTrue && extracted.contains(time)) {
      failures.add("IMPRECISE (" + form + "): not TRUE at "
          + TimestampString.fromMillisSinceEpoch(time) + " inside " + extracted + "\n  " + what);
    }
  }

  /** Counts every failure, keeps the first few with their details. */
  private static final class Failures {
    final List<String> first = new ArrayList<>();
    int count;

    void add(String failure) {
      if (count++ < 20) {
        first.add(failure);
      }
    }
  }
}
