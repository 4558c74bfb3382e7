package io.tiergate.planner.rules;

import io.tiergate.planner.manifest.TimeSlice;
import io.tiergate.planner.range.EvaluationContext;
import io.tiergate.planner.range.TimeRangeExtractor;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.plan.RelOptPredicateList;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexSimplify;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * Adds day-partition predicates ({@code dt >= 'YYYY-MM-DD' AND dt <= 'YYYY-MM-DD'}) to a filter
 * on a store table partitioned by the UTC day of its time column, derived from the filter's
 * time range. Athena (and Trino) prune partitions by the partition column only; without this a
 * month of cold data would read every day's objects.
 */
public final class DayPartitionPredicateRule extends RelOptRule {
  private final List<String> table;
  private final String timeColumn;
  private final String partitionColumn;

  public DayPartitionPredicateRule(List<String> table, String timeColumn,
      String partitionColumn) {
    super(operand(LogicalFilter.class, operand(TableScan.class, none())),
        "DayPartitionPredicateRule:" + String.join(".", table) + "." + partitionColumn);
    this.table = List.copyOf(table);
    this.timeColumn = timeColumn;
    this.partitionColumn = partitionColumn;
  }

  @Override public boolean matches(RelOptRuleCall call) {
    TableScan scan = call.rel(1);
    return scan.getTable().getQualifiedName().equals(table);
  }

  @Override public void onMatch(RelOptRuleCall call) {
    LogicalFilter filter = call.rel(0);
    TableScan scan = call.rel(1);
    RelDataTypeField time = scan.getRowType().getField(timeColumn, false, false);
    RelDataTypeField partition = scan.getRowType().getField(partitionColumn, false, false);
    if (time == null || partition == null) {
      return;
    }
    TimeSlice span = TimeRangeExtractor.extract(filter.getCondition(), time.getIndex(),
        EvaluationContext.PLAN_TIME).span();
    if (span.isEmpty() || (!span.hasLowerBound() && !span.hasUpperBound())) {
      return;
    }
    RexBuilder rex = filter.getCluster().getRexBuilder();
    RexNode column = rex.makeInputRef(scan, partition.getIndex());
    if (alreadyNarrow(rex, filter.getCondition(), column, span)) {
      return; // this rule's own output (or the user's own day predicate) is enough
    }
    List<RexNode> conjuncts = new ArrayList<>(RelOptUtil.conjunctions(filter.getCondition()));
    if (span.hasLowerBound()) {
      conjuncts.add(rex.makeCall(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, column,
          rex.makeLiteral(day(span.fromInclusive()))));
    }
    if (span.hasUpperBound()) {
      conjuncts.add(rex.makeCall(SqlStdOperatorTable.LESS_THAN_OR_EQUAL, column,
          rex.makeLiteral(day(span.toExclusive() - 1))));
    }
    call.transformTo(filter.copy(filter.getTraitSet(), scan,
        RexUtil.composeConjunction(rex, conjuncts)));
  }

  /**
   * Whether the condition's partition-only conjuncts already reject the day before and the day
   * after the time range's days.
   */
  private static boolean alreadyNarrow(RexBuilder rex, RexNode condition, RexNode column,
      TimeSlice span) {
    List<RexNode> onPartition = new ArrayList<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(condition)) {
      if (RelOptUtil.InputFinder.bits(conjunct)
          .equals(RelOptUtil.InputFinder.bits(column))) {
        onPartition.add(conjunct);
      }
    }
    if (onPartition.isEmpty()) {
      return false;
    }
    try {
      return (!span.hasLowerBound() || rejects(rex, onPartition, column,
              day(span.fromInclusive() - DAY)))
          && (!span.hasUpperBound() || rejects(rex, onPartition, column,
              day(span.toExclusive() - 1 + DAY)));
    } catch (RuntimeException cannotEvaluate) {
      return true; // never loop on a predicate we cannot read
    }
  }

  private static boolean rejects(RexBuilder rex, List<RexNode> conjuncts, RexNode column,
      String day) {
    List<RexNode> probe = new ArrayList<>(conjuncts);
    probe.add(rex.makeCall(SqlStdOperatorTable.EQUALS, column, rex.makeLiteral(day)));
    return new RexSimplify(rex, RelOptPredicateList.EMPTY, RexUtil.EXECUTOR)
        .simplifyUnknownAsFalse(RexUtil.composeConjunction(rex, probe)).isAlwaysFalse();
  }

  private static final long DAY = 86_400_000L;

  private static String day(long millis) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC).toString();
  }
}
