package io.tiergate.planner.range;

import com.google.common.collect.BoundType;
import io.tiergate.planner.range.BoundValue.Known;
import io.tiergate.planner.range.BoundValue.Missing;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.Sarg;
import org.apache.calcite.util.TimestampString;

/**
 * Finds the times a filter can select on a tiered table's time column, so that tiers holding
 * none of them are not read (ARCHITECTURE.md section 5, step 3).
 *
 * <p>The answer is a superset: every row the condition lets through has its time in it, and
 * whatever is not understood counts as "all time" (under AND the other side still narrows it,
 * under OR it widens to all). It speaks only of non-null times: {@code time IS NULL} selects
 * none of them, and rows whose time is NULL are the caller's to route.
 *
 * <p>Understood: comparisons ({@code = <> < <= > >=}, IS [NOT] DISTINCT FROM) between a
 * {@link TimeTerm} (the column, its casts to DATE or TIMESTAMP(p), FLOOR/CEIL to a unit,
 * {@code EXTRACT(YEAR ...)}, {@code +/-} a day-time interval) and a constant the
 * {@link TimeBoundEvaluator} can work out; SEARCH with a Sarg (what RexSimplify makes of IN
 * lists, BETWEEN and ORs of ranges); AND, OR, NOT, IS [NOT] TRUE/FALSE/NULL; boolean literals.
 *
 * <p>Constants that need a dynamic parameter or the statement clock are resolved from the
 * {@link EvaluationContext}; at plan time they are unknown, so that comparison is "all time", and
 * {@link #dependsOnRuntimeValues} tells the caller that extracting again at execution may prune.
 */
public final class TimeRangeExtractor {
  private final int timeColumn;

  /** For conditions whose input field {@code timeColumn} ({@code $timeColumn}) is the time. */
  public TimeRangeExtractor(int timeColumn) {
    if (timeColumn < 0) {
      throw new IllegalArgumentException("no field " + timeColumn);
    }
    this.timeColumn = timeColumn;
  }

  /** As {@link #TimeRangeExtractor(int)}, checking that the field is a TIMESTAMP of rowType. */
  public TimeRangeExtractor(RelDataType rowType, int timeColumn) {
    this(timeColumn);
    if (timeColumn >= rowType.getFieldCount()) {
      throw new IllegalArgumentException("no field " + timeColumn + " in " + rowType);
    }
    RelDataTypeField field = rowType.getFieldList().get(timeColumn);
    if (field.getType().getSqlTypeName() != SqlTypeName.TIMESTAMP) {
      throw new IllegalArgumentException("time column " + field.getName()
          + " must be a TIMESTAMP, not " + field.getType());
    }
  }

  public static TimeRangeExtractor forColumn(RelDataType rowType, String timeColumn) {
    RelDataTypeField field = rowType.getField(timeColumn, true, false);
    if (field == null) {
      throw new IllegalArgumentException("no column " + timeColumn + " in " + rowType);
    }
    return new TimeRangeExtractor(rowType, field.getIndex());
  }

  /** Shorthand for {@code new TimeRangeExtractor(timeColumn).extract(condition, context)}. */
  public static TimeRangeSet extract(RexNode condition, int timeColumn,
      EvaluationContext context) {
    return new TimeRangeExtractor(timeColumn).extract(condition, context);
  }

  /** The times the condition may select, with values not yet bound counted as unknown. */
  public TimeRangeSet extract(RexNode condition) {
    return extract(condition, EvaluationContext.PLAN_TIME);
  }

  /** The times the condition may select once {@code context}'s values are bound. */
  public TimeRangeSet extract(RexNode condition, EvaluationContext context) {
    return truth(condition, new TimeBoundEvaluator(context)).mayBeTrue();
  }

  /**
   * Whether a time bound this extractor understands needs a dynamic parameter or the statement
   * clock: then {@link #extract(RexNode, EvaluationContext)} at execution may find a narrower
   * range than planning did. It may say yes where, say, an OR with an unknown side keeps the
   * range at "all time" anyway; it never says no where a runtime value would have helped.
   */
  public boolean dependsOnRuntimeValues(RexNode condition) {
    TimeBoundEvaluator evaluator = new TimeBoundEvaluator(EvaluationContext.PLAN_TIME);
    truth(condition, evaluator);
    return evaluator.usedRuntimeValues();
  }

  private TruthRanges truth(RexNode node, TimeBoundEvaluator evaluator) {
    if (node instanceof RexLiteral literal) {
      return literal.isNull() ? TruthRanges.ALWAYS_UNKNOWN
          : !(literal.getValue() instanceof Boolean value) ? TruthRanges.ANYTHING
          : value ? TruthRanges.ALWAYS_TRUE : TruthRanges.ALWAYS_FALSE;
    }
    if (!(node instanceof RexCall call)) {
      return TruthRanges.ANYTHING;
    }
    List<RexNode> operands = call.getOperands();
    return switch (call.getKind()) {
      case AND -> operands.stream().map(o -> truth(o, evaluator))
          .reduce(TruthRanges.ALWAYS_TRUE, TruthRanges::and);
      case OR -> operands.stream().map(o -> truth(o, evaluator))
          .reduce(TruthRanges.ALWAYS_FALSE, TruthRanges::or);
      case NOT -> truth(operands.get(0), evaluator).not();
      // A cast of a boolean to a boolean only changes nullability, which rules add and remove.
      case CAST -> operands.get(0).getType().getSqlTypeName() == SqlTypeName.BOOLEAN
          && call.getType().getSqlTypeName() == SqlTypeName.BOOLEAN
          ? truth(operands.get(0), evaluator) : TruthRanges.ANYTHING;
      case IS_TRUE -> truth(operands.get(0), evaluator).isTrue();
      case IS_NOT_TRUE -> truth(operands.get(0), evaluator).isTrue().not();
      case IS_FALSE -> truth(operands.get(0), evaluator).isFalse();
      case IS_NOT_FALSE -> truth(operands.get(0), evaluator).isFalse().not();
      case IS_NULL -> nullTest(operands.get(0), evaluator);
      case IS_NOT_NULL -> nullTest(operands.get(0), evaluator).not();
      case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN,
          GREATER_THAN_OR_EQUAL, IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM ->
          guarded(() -> comparison(call, evaluator));
      case SEARCH -> guarded(() -> search(call, evaluator));
      default -> TruthRanges.ANYTHING;
    };
  }

  /** {@code x IS NULL}: for a boolean x from its UNKNOWN outcome; never for a time term. */
  private TruthRanges nullTest(RexNode operand, TimeBoundEvaluator evaluator) {
    if (operand.getType().getSqlTypeName() == SqlTypeName.BOOLEAN) {
      return truth(operand, evaluator).isUnknown();
    }
    return guarded(() -> term(operand, evaluator).isPresent()
        ? TruthRanges.ALWAYS_FALSE : TruthRanges.ANYTHING);
  }

  private TruthRanges comparison(RexCall call, TimeBoundEvaluator evaluator) {
    SqlKind kind = call.getKind();
    if (call.getOperands().get(0).equals(call.getOperands().get(1))
        && term(call.getOperands().get(0), evaluator).isPresent()) {
      // A term against itself, as SqlToRel writes an empty BETWEEN ("t <> t"): fixed for
      // every non-null time.
      return switch (kind) {
        case EQUALS, LESS_THAN_OR_EQUAL, GREATER_THAN_OR_EQUAL, IS_NOT_DISTINCT_FROM ->
            TruthRanges.ALWAYS_TRUE;
        default -> TruthRanges.ALWAYS_FALSE;
      };
    }
    RexNode constant = call.getOperands().get(1);
    Optional<TimeTerm> term = term(call.getOperands().get(0), evaluator);
    if (term.isEmpty()) {
      constant = call.getOperands().get(0);
      term = term(call.getOperands().get(1), evaluator);
      kind = kind.reverse();
    }
    ValueDomain termDomain = term.map(TimeTerm::domain).orElse(null);
    if (termDomain == null || !ValueDomain.of(constant.getType())
        .filter(d -> ValueDomain.comparable(d, termDomain)).isPresent()) {
      return TruthRanges.ANYTHING;
    }
    BoundValue value = evaluator.evaluate(constant);
    if (value == Missing.NULL) {
      // Against NULL a comparison is never TRUE; IS [NOT] DISTINCT FROM sees a non-null time
      // as distinct from it.
      return kind == SqlKind.IS_DISTINCT_FROM ? TruthRanges.ALWAYS_TRUE
          : kind == SqlKind.IS_NOT_DISTINCT_FROM ? TruthRanges.ALWAYS_FALSE
          : TruthRanges.ALWAYS_UNKNOWN;
    }
    if (!(value instanceof Known known)) {
      return TruthRanges.ANYTHING;
    }
    long v = known.value();
    TimeRangeSet values = switch (kind) {
      case EQUALS, IS_NOT_DISTINCT_FROM -> TimeRangeSet.point(v);
      case NOT_EQUALS, IS_DISTINCT_FROM -> TimeRangeSet.point(v).complement();
      case LESS_THAN -> TimeRangeSet.lessThan(v);
      case LESS_THAN_OR_EQUAL -> TimeRangeSet.atMost(v);
      case GREATER_THAN -> TimeRangeSet.greaterThan(v);
      default -> TimeRangeSet.atLeast(v);
    };
    return truthOf(term.get(), values);
  }

  /**
   * {@code SEARCH(term, Sarg[...])}: the term's value lies in one of the Sarg's ranges.
   *
   * <p>A Sarg holds raw values under one type, and may hold more digits than that type's
   * precision: RelBuilder merges {@code t < TIMESTAMP WITH LOCAL TIME ZONE '...00.17'} and
   * {@code t NOT IN (TIMESTAMP '...51.693', ...)} into one Sarg of precision 2. Expanding it into
   * comparisons (code generation, SQL for a store) truncates each value to that precision, while
   * simplification compares the raw values. So such an endpoint is either value: the values the
   * Sarg may select use the wider reading, the values it surely selects the narrower one.
   */
  private TruthRanges search(RexCall call, TimeBoundEvaluator evaluator) {
    Optional<TimeTerm> term = term(call.getOperands().get(0), evaluator);
    if (term.isEmpty() || !(call.getOperands().get(1) instanceof RexLiteral literal)
        || !(literal.getValueAs(Sarg.class) instanceof Sarg<?> sarg)) {
      return TruthRanges.ANYTHING;
    }
    int precision = literal.getType().getPrecision();
    TimeRangeSet possible = TimeRangeSet.NONE;
    TimeRangeSet certain = TimeRangeSet.NONE;
    for (var range : sarg.rangeSet.asRanges()) {
      Optional<Endpoint> lower = range.hasLowerBound()
          ? Endpoint.of(range.lowerEndpoint(), term.get().domain(), precision)
          : Optional.of(Endpoint.UNBOUNDED_BELOW);
      Optional<Endpoint> upper = range.hasUpperBound()
          ? Endpoint.of(range.upperEndpoint(), term.get().domain(), precision)
          : Optional.of(Endpoint.UNBOUNDED_ABOVE);
      if (lower.isEmpty() || upper.isEmpty()) {
        return TruthRanges.ANYTHING;
      }
      // Half-open: an open lower bound and a closed upper bound move up by one millisecond.
      boolean lowerOpen = range.hasLowerBound() && range.lowerBoundType() == BoundType.OPEN;
      boolean upperClosed = range.hasUpperBound() && range.upperBoundType() == BoundType.CLOSED;
      possible = possible.union(TimeRangeSet.of(lower.get().earliest() + (lowerOpen ? 1 : 0),
          upper.get().latest() + (upperClosed ? 1 : 0)));
      certain = certain.union(TimeRangeSet.of(lower.get().latest() + (lowerOpen ? 1 : 0),
          upper.get().earliest() + (upperClosed ? 1 : 0)));
    }
    // The Sarg's nullAs says what a NULL term gives; a non-null time never makes one.
    return TruthRanges.twoValued(term.get().timesPossiblyIn(possible),
        term.get().timesPossiblyIn(certain.complement()));
  }

  private static TruthRanges truthOf(TimeTerm term, TimeRangeSet values) {
    return TruthRanges.twoValued(term.timesPossiblyIn(values),
        term.timesPossiblyIn(values.complement()));
  }

  private Optional<TimeTerm> term(RexNode node, TimeBoundEvaluator evaluator) {
    return TimeTerm.recognize(node, timeColumn, evaluator);
  }

  /**
   * A Sarg endpoint as this package's numbers for {@code domain}: its raw value and its value
   * truncated to {@code precision}, earliest first. The unbounded ones keep the sentinels.
   */
  private record Endpoint(long earliest, long latest) {
    static final Endpoint UNBOUNDED_BELOW = new Endpoint(Long.MIN_VALUE, Long.MIN_VALUE);
    static final Endpoint UNBOUNDED_ABOVE = new Endpoint(Long.MAX_VALUE, Long.MAX_VALUE);

    static Optional<Endpoint> of(Object value, ValueDomain domain, int precision) {
      if (domain == ValueDomain.TIMESTAMP && value instanceof TimestampString t) {
        long truncated = precision >= 0 && precision < 3
            ? t.round(precision).getMillisSinceEpoch() : t.getMillisSinceEpoch();
        return sane(Math.min(truncated, t.getMillisSinceEpoch()),
            Math.max(truncated, t.getMillisSinceEpoch()));
      }
      if (domain == ValueDomain.DATE && value instanceof DateString d) {
        return sane(d.getMillisSinceEpoch(), d.getMillisSinceEpoch());
      }
      if (domain == ValueDomain.NUMBER && value instanceof BigDecimal n
          && n.stripTrailingZeros().scale() <= 0
          && n.abs().compareTo(BigDecimal.valueOf(TimeStep.SANE_MILLIS)) <= 0) {
        return sane(n.longValueExact(), n.longValueExact());
      }
      return Optional.empty();
    }

    private static Optional<Endpoint> sane(long earliest, long latest) {
      return Math.abs(earliest) <= TimeStep.SANE_MILLIS && Math.abs(latest) <= TimeStep.SANE_MILLIS
          ? Optional.of(new Endpoint(earliest, latest)) : Optional.empty();
    }
  }

  /** Calendar arithmetic far from 1970 gives up on the comparison, which is always safe. */
  private static TruthRanges guarded(Supplier<TruthRanges> extraction) {
    try {
      return extraction.get();
    } catch (TimeStep.OutOfRange | ArithmeticException e) {
      return TruthRanges.ANYTHING;
    }
  }
}
