package io.tiergate.planner.range;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import org.apache.calcite.DataContext;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexVisitorImpl;

/**
 * The values a query's time bounds may need that are known only when it executes: the bound
 * dynamic parameters ({@code ?}, by index) and the statement's clock.
 *
 * <p>Planning uses {@link #PLAN_TIME}, which knows none of them, so every comparison that needs
 * one extracts as "all time". At execution the same condition is extracted again with the bound
 * values ({@link #fromDataContext}), which is what lets tiers be pruned before any request is sent.
 * The values must be exactly those the executing query sees; a clock read twice would not do.
 *
 * <p>Values use Calcite's internal representation, as in {@link DataContext}:
 * <ul>
 *   <li>{@code currentTimestamp} is {@code CURRENT_TIMESTAMP} (and {@code CURRENT_DATE} is its
 *   day), {@code localTimestamp} is {@code LOCALTIMESTAMP}: both are milliseconds since the epoch
 *   of the wall-clock time in the session time zone (UTC for the gateway).
 *   <li>a parameter of type TIMESTAMP is a {@code Long} of epoch milliseconds, DATE an
 *   {@code Integer} of epoch days, an interval a number of milliseconds (day-time) or months
 *   (year-month); {@code java.time} values and {@code java.sql} dates and timestamps are accepted
 *   too and read as wall-clock values. A {@code null} element is a bound SQL NULL.
 * </ul>
 */
public record EvaluationContext(
    List<Object> parameters, OptionalLong currentTimestamp, OptionalLong localTimestamp) {

  public static final EvaluationContext PLAN_TIME =
      new EvaluationContext(List.of(), OptionalLong.empty(), OptionalLong.empty());

  public EvaluationContext {
    // Copied by hand: List.copyOf rejects the nulls that stand for bound SQL NULLs.
    parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
  }

  /** A context at execution where the statement started at {@code currentTimestamp}. */
  public static EvaluationContext atExecution(long currentTimestamp, Object... parameters) {
    return new EvaluationContext(Arrays.asList(parameters), OptionalLong.of(currentTimestamp),
        OptionalLong.of(currentTimestamp));
  }

  /**
   * The values an executing Calcite statement sees: parameters {@code ?0 .. ?(count - 1)} and
   * the clock variables of {@code root}.
   */
  public static EvaluationContext fromDataContext(DataContext root, int parameterCount) {
    List<Object> parameters = new ArrayList<>();
    for (int i = 0; i < parameterCount; i++) {
      parameters.add(root.get("?" + i));
    }
    return new EvaluationContext(parameters,
        optional(DataContext.Variable.CURRENT_TIMESTAMP.get(root)),
        optional(DataContext.Variable.LOCAL_TIMESTAMP.get(root)));
  }

  /** How many parameters ({@code ?0 ..}) a statement supplies to {@code conditions}. */
  public static int parameterCount(Collection<? extends RexNode> conditions) {
    int[] count = {0};
    for (RexNode condition : conditions) {
      condition.accept(new RexVisitorImpl<Void>(true) {
        @Override public Void visitDynamicParam(RexDynamicParam param) {
          count[0] = Math.max(count[0], param.getIndex() + 1);
          return null;
        }
      });
    }
    return count[0];
  }

  public EvaluationContext withParameters(Object... values) {
    return new EvaluationContext(Arrays.asList(values), currentTimestamp, localTimestamp);
  }

  public boolean hasParameter(int index) {
    return index >= 0 && index < parameters.size();
  }

  /** The value of parameter {@code index}; {@code null} is SQL NULL. */
  public Object parameter(int index) {
    return parameters.get(index);
  }

  private static OptionalLong optional(Object millis) {
    return millis instanceof Long value ? OptionalLong.of(value) : OptionalLong.empty();
  }
}
