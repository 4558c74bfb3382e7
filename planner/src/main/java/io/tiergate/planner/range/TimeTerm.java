package io.tiergate.planner.range;

import io.tiergate.planner.manifest.TimeSlice;
import io.tiergate.planner.range.BoundValue.Known;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * An expression over the time column that never decreases as time grows: the column itself,
 * or casts, FLOOR/CEIL, {@code EXTRACT(YEAR ...)} and interval shifts of it. Comparing one with
 * a constant therefore selects a range of times, which {@link #timesPossiblyIn} works out.
 *
 * @param steps the functions applied to the column, innermost first
 * @param domain what the expression's values are (milliseconds of a TIMESTAMP or DATE, or years)
 */
record TimeTerm(List<TimeStep> steps, ValueDomain domain) {

  /** The term {@code node} is, if it is one over column {@code timeColumn}. */
  static Optional<TimeTerm> recognize(RexNode node, int timeColumn,
      TimeBoundEvaluator evaluator) {
    ValueDomain domain = ValueDomain.of(node.getType()).orElse(null);
    if (domain == null || !domain.isOrdered()) {
      return Optional.empty();
    }
    if (node instanceof RexInputRef ref) {
      return ref.getIndex() == timeColumn && domain.isDatetime()
          ? Optional.of(new TimeTerm(List.of(), domain)) : Optional.empty();
    }
    if (!(node instanceof RexCall call) || call.getOperands().isEmpty()) {
      return Optional.empty();
    }
    List<RexNode> operands = call.getOperands();
    return switch (call.getKind()) {
      case CAST -> operands.size() != 1 ? Optional.empty()
          : recognize(operands.get(0), timeColumn, evaluator)
              .flatMap(inner -> inner.cast(operands.get(0).getType(), call.getType()));
      case FLOOR, CEIL -> {
        TimeStep step = truncationStep(call);
        yield step == null ? Optional.empty()
            : recognize(operands.get(0), timeColumn, evaluator)
                .map(inner -> inner.then(step, domain));
      }
      case EXTRACT -> operands.size() == 2 && symbol(operands.get(0)) == TimeUnitRange.YEAR
          ? recognize(operands.get(1), timeColumn, evaluator)
              .filter(inner -> inner.domain.isDatetime())
              .map(inner -> inner.then(TimeStep.year(), domain))
          : Optional.empty();
      case PLUS, MINUS -> shifted(call, domain, timeColumn, evaluator);
      default -> Optional.empty();
    };
  }

  /**
   * The step of {@code FLOOR(x TO unit)} or {@code CEIL(x TO unit)} on a TIMESTAMP or DATE, or
   * null when that is not one understood here (a numeric FLOOR, a custom time frame, ...).
   */
  static TimeStep truncationStep(RexCall call) {
    if (call.getOperands().size() != 2
        || !(symbol(call.getOperands().get(1)) instanceof TimeUnitRange unit)) {
      return null;
    }
    SqlTypeName operand = call.getOperands().get(0).getType().getSqlTypeName();
    if ((operand != SqlTypeName.TIMESTAMP && operand != SqlTypeName.DATE)
        || !TimeStep.supportsUnit(unit, operand == SqlTypeName.DATE)) {
      return null;
    }
    return call.getKind() == SqlKind.FLOOR ? TimeStep.floor(unit) : TimeStep.ceil(unit);
  }

  /**
   * The times at which the term may take a value in {@code values}: for each slice
   * {@code [a, b)}, from the earliest time any engine's term reaches a to the latest time every
   * engine's term reaches b. Exact when the steps are.
   */
  TimeRangeSet timesPossiblyIn(TimeRangeSet values) {
    List<TimeSlice> times = new ArrayList<>();
    for (TimeSlice slice : values.slices()) {
      times.add(new TimeSlice(
          slice.hasLowerBound() ? earliestReaching(slice.fromInclusive()) : Long.MIN_VALUE,
          slice.hasUpperBound() ? latestReaching(slice.toExclusive()) : Long.MAX_VALUE));
    }
    return TimeRangeSet.of(times);
  }

  private long earliestReaching(long value) {
    for (int i = steps.size() - 1; i >= 0; i--) {
      value = steps.get(i).earliestReaching(value);
    }
    return value;
  }

  private long latestReaching(long value) {
    for (int i = steps.size() - 1; i >= 0; i--) {
      value = steps.get(i).latestReaching(value);
    }
    return value;
  }

  private TimeTerm then(TimeStep step, ValueDomain newDomain) {
    List<TimeStep> more = new ArrayList<>(steps);
    more.add(step);
    return new TimeTerm(List.copyOf(more), newDomain);
  }

  private Optional<TimeTerm> cast(RelDataType from, RelDataType to) {
    SqlTypeName source = from.getSqlTypeName();
    SqlTypeName target = to.getSqlTypeName();
    ValueDomain targetDomain = ValueDomain.of(to).orElseThrow();
    if (source == SqlTypeName.TIMESTAMP && target == SqlTypeName.TIMESTAMP) {
      return Optional.of(to.getPrecision() < Math.min(3, from.getPrecision())
          ? then(TimeStep.toPrecision(to.getPrecision()), targetDomain)
          : new TimeTerm(steps, targetDomain));
    }
    if (source == SqlTypeName.TIMESTAMP && target == SqlTypeName.DATE) {
      return Optional.of(then(TimeStep.toDate(), targetDomain));
    }
    if (source == SqlTypeName.DATE && (target == SqlTypeName.DATE
        || target == SqlTypeName.TIMESTAMP)) {
      return Optional.of(new TimeTerm(steps, targetDomain));
    }
    // Years cast between exact numeric types keep their value.
    if (domain == ValueDomain.NUMBER && (target == SqlTypeName.INTEGER
        || target == SqlTypeName.BIGINT
        || target == SqlTypeName.DECIMAL && to.getScale() == 0 && to.getPrecision() >= 6)) {
      return Optional.of(this);
    }
    return Optional.empty();
  }

  /**
   * {@code term + interval} or {@code term - interval} (DATETIME_PLUS, MINUS_DATE) with a
   * day-time interval that is known: a shift. On a DATE result Calcite moves by whole days,
   * rounding the interval toward zero. Month intervals are not understood on this side.
   */
  private static Optional<TimeTerm> shifted(RexCall call, ValueDomain domain, int timeColumn,
      TimeBoundEvaluator evaluator) {
    if (!domain.isDatetime() || call.getOperands().size() != 2) {
      return Optional.empty();
    }
    int termSide = ValueDomain.of(call.getOperands().get(0).getType())
        .filter(ValueDomain::isDatetime).isPresent() ? 0 : 1;
    if (termSide == 1 && call.getKind() == SqlKind.MINUS) {
      return Optional.empty();
    }
    RexNode interval = call.getOperands().get(1 - termSide);
    if (ValueDomain.of(interval.getType()).orElse(null) != ValueDomain.DAY_TIME_INTERVAL
        || !(evaluator.evaluate(interval) instanceof Known known)) {
      return Optional.empty();
    }
    long millis = domain == ValueDomain.DATE
        ? known.value() / TimeStep.MILLIS_PER_DAY * TimeStep.MILLIS_PER_DAY : known.value();
    long delta = call.getKind() == SqlKind.MINUS ? -millis : millis;
    return recognize(call.getOperands().get(termSide), timeColumn, evaluator)
        .filter(inner -> inner.domain.isDatetime())
        .map(inner -> inner.then(TimeStep.shift(delta), domain));
  }

  private static Object symbol(RexNode node) {
    return node instanceof RexLiteral literal ? literal.getValue() : null;
  }
}
