package io.tiergate.adapter.dynamodb;

import io.tiergate.planner.manifest.TimeSlice;
import io.tiergate.planner.range.EvaluationContext;
import io.tiergate.planner.range.TimeRangeExtractor;
import io.tiergate.planner.range.TimeRangeSet;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What of a scan's filters a DynamoDB key condition can serve: the partition key's value (from
 * {@code pk = 'literal'} or {@code pk = ?}) and the time range, which the sort key
 * ({@code <fixed-width ISO instant>#<rest of the key>}) orders. Filters are only read here,
 * never consumed: Calcite still applies every one of them, so a key condition may select more
 * than the filters do, never less.
 *
 * @param partitionValue the partition key's value, if a filter fixes it
 * @param times the times the filters may select ({@link TimeRangeSet#ALL} if unknown)
 */
record DynamoDbKeyCondition(Optional<String> partitionValue, TimeRangeSet times) {
  /** Sort keys are fixed width for the years 0000 to 9999 only. */
  private static final long FIRST_SORTABLE = -62_167_219_200_000L;
  private static final long LAST_SORTABLE = 253_402_300_799_999L;

  static DynamoDbKeyCondition of(List<RexNode> filters, int partitionKey, int timeColumn,
      EvaluationContext context) {
    String partitionValue = null;
    TimeRangeSet times = TimeRangeSet.ALL;
    TimeRangeExtractor extractor = new TimeRangeExtractor(timeColumn);
    for (RexNode filter : filters) {
      times = times.intersect(extractor.extract(filter, context));
      // Calcite may push the conjunction as one AND.
      for (RexNode conjunct : RelOptUtil.conjunctions(filter)) {
        String value = equalityValue(conjunct, partitionKey, context);
        if (value != null) {
          partitionValue = value;
        }
      }
    }
    return new DynamoDbKeyCondition(Optional.ofNullable(partitionValue), times);
  }

  /** The lower sort-key bound (inclusive), if the range has one a sort key can express. */
  Optional<String> sortKeyFrom() {
    TimeSlice span = times.span();
    return span.hasLowerBound() && span.fromInclusive() >= FIRST_SORTABLE
        && span.fromInclusive() <= LAST_SORTABLE
        ? Optional.of(DynamoDbItemCodec.sortableTime(span.fromInclusive())) : Optional.empty();
  }

  /**
   * The upper sort-key bound (inclusive): every key of the range's last millisecond starts with
   * that instant and then {@code #}, so the instant followed by {@code ~} (which sorts after
   * {@code #}) is above them all and below every later instant.
   */
  Optional<String> sortKeyTo() {
    TimeSlice span = times.span();
    return span.hasUpperBound() && span.toExclusive() - 1 >= FIRST_SORTABLE
        && span.toExclusive() - 1 <= LAST_SORTABLE
        ? Optional.of(DynamoDbItemCodec.sortableTime(span.toExclusive() - 1) + "~")
        : Optional.empty();
  }

  private static @Nullable String equalityValue(RexNode filter, int column,
      EvaluationContext context) {
    if (filter.getKind() != SqlKind.EQUALS) {
      return null;
    }
    List<RexNode> operands = ((RexCall) filter).getOperands();
    // The column bare: a cast of it (CAST(pk AS INTEGER) = 5) matches values other than '5'.
    RexNode left = operands.get(0);
    RexNode right = operands.get(1);
    if (right instanceof RexInputRef && !(left instanceof RexInputRef)) {
      RexNode swap = left;
      left = right;
      right = swap;
    }
    if (!(left instanceof RexInputRef ref) || ref.getIndex() != column) {
      return null;
    }
    if (right instanceof RexLiteral literal
        && SqlTypeFamily.CHARACTER.contains(literal.getType())) {
      return literal.getValueAs(String.class);
    }
    right = RexUtil.removeCast(right);
    if (right instanceof RexDynamicParam param && context.hasParameter(param.getIndex())
        && context.parameter(param.getIndex()) instanceof String value) {
      return value;
    }
    return null;
  }
}
