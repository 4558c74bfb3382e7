package io.tiergate.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiergate.adapter.dynamodb.DynamoDbKeyCondition.ItemKey;
import io.tiergate.planner.range.EvaluationContext;
import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/** Which filters become a key condition, and the exact sort-key bounds of a time range. */
class DynamoDbKeyConditionTest {
  private final Filters f = new Filters();

  private DynamoDbKeyCondition of(EvaluationContext context, RexNode... filters) {
    return DynamoDbKeyCondition.of(List.of(filters), Filters.LAYOUT, context);
  }

  @Test void halfOpenRangeBecomesInclusiveSortKeyBounds() {
    DynamoDbKeyCondition c = of(EvaluationContext.PLAN_TIME,
        f.eq(f.tenant, f.text("tenant-07")),
        f.call(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, f.time, f.at("2026-11-01 00:00:00")),
        f.call(SqlStdOperatorTable.LESS_THAN, f.time, f.at("2026-11-02 00:00:00")));
    assertThat(c.partitionValues()).contains(List.of("tenant-07"));
    assertThat(c.sortKeyFrom()).contains("2026-11-01T00:00:00.000Z");
    // The last millisecond inside, then '~' above any '#suffix' of it.
    assertThat(c.sortKeyTo()).contains("2026-11-01T23:59:59.999Z~");
  }

  @Test void aConjunctionPushedAsOneFilterIsReadPartByPart() {
    DynamoDbKeyCondition c = of(EvaluationContext.PLAN_TIME, f.and(
        f.eq(f.tenant, f.text("tenant-07")),
        f.call(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, f.time, f.at("2026-11-01 00:00:00"))));
    assertThat(c.partitionValues()).contains(List.of("tenant-07"));
    assertThat(c.sortKeyFrom()).contains("2026-11-01T00:00:00.000Z");
  }

  @Test void exclusiveLowerAndInclusiveUpperBoundsMoveByOneMillisecond() {
    DynamoDbKeyCondition c = of(EvaluationContext.PLAN_TIME,
        f.call(SqlStdOperatorTable.GREATER_THAN, f.time, f.at("2026-11-01 00:00:00")),
        f.call(SqlStdOperatorTable.LESS_THAN_OR_EQUAL, f.time, f.at("2026-11-02 00:00:00")));
    assertThat(c.partitionValues()).isEmpty();
    assertThat(c.sortKeyFrom()).contains("2026-11-01T00:00:00.001Z");
    assertThat(c.sortKeyTo()).contains("2026-11-02T00:00:00.000Z~");
  }

  @Test void aBindParameterIsReadAtExecution() {
    RexNode filter = f.eq(f.tenant, f.param(SqlTypeName.VARCHAR, 0));
    assertThat(of(EvaluationContext.PLAN_TIME, filter).partitionValues()).isEmpty();
    assertThat(of(EvaluationContext.atExecution(0L, "tenant-12"), filter).partitionValues())
        .contains(List.of("tenant-12"));
    // A parameter of another kind than the column is no key value.
    assertThat(of(EvaluationContext.atExecution(0L, 12L), filter).partitionValues()).isEmpty();
    assertThat(EvaluationContext.parameterCount(List.of(filter))).isEqualTo(1);
  }

  @Test void aCastColumnOrANumberIsNoKey() {
    RexNode cast = f.rex.makeCast(f.types.createSqlType(SqlTypeName.INTEGER), f.tenant);
    assertThat(of(EvaluationContext.PLAN_TIME, f.eq(cast,
        f.rex.makeExactLiteral(BigDecimal.valueOf(7)))).partitionValues()).isEmpty();
    assertThat(of(EvaluationContext.PLAN_TIME, f.eq(f.tenant,
        f.rex.makeExactLiteral(BigDecimal.valueOf(5)))).partitionValues()).isEmpty();
    assertThat(of(EvaluationContext.PLAN_TIME).sortKeyFrom()).isEmpty();
    assertThat(of(EvaluationContext.PLAN_TIME).sortKeyTo()).isEmpty();
  }

  @Test void inListsAndOrsOfEqualitiesGiveValueSetsThatIntersect() {
    DynamoDbKeyCondition c = of(EvaluationContext.PLAN_TIME,
        f.in(f.tenant, f.text("b"), f.text("a"), f.text("c")),
        f.or(f.eq(f.tenant, f.text("c")), f.eq(f.tenant, f.text("a"))),
        f.in(f.eventId, f.text("e2"), f.text("e1")));
    assertThat(c.partitionValues()).contains(List.of("a", "c"));
    assertThat(c.suffixValues()).containsEntry("event_id", List.of("e1", "e2"));
  }

  @Test void contradictingEqualitiesLeaveNoValue() {
    DynamoDbKeyCondition c = of(EvaluationContext.PLAN_TIME,
        f.eq(f.tenant, f.text("a")), f.eq(f.tenant, f.text("b")));
    assertThat(c.partitionValues()).contains(List.of());
  }

  @Test void fullKeysAreTheProductOfTheFixedValues() {
    long t = f.millis("2026-11-01 10:00:00");
    DynamoDbKeyCondition c = of(EvaluationContext.PLAN_TIME,
        f.in(f.tenant, f.text("a"), f.text("b")),
        f.eq(f.time, f.at("2026-11-01 10:00:00")),
        f.in(f.eventId, f.text("e1"), f.text("e2")));
    assertThat(c.fullKeys(Filters.LAYOUT, 10)).contains(List.of(
        new ItemKey("a", t, List.of("e1")), new ItemKey("a", t, List.of("e2")),
        new ItemKey("b", t, List.of("e1")), new ItemKey("b", t, List.of("e2"))));
    assertThat(c.fullKeys(Filters.LAYOUT, 3)).isEmpty();
    assertThat(new ItemKey("a", t, List.of("e1")).sortKey())
        .isEqualTo("2026-11-01T10:00:00.000Z#e1");
  }

  @Test void aTimeRangeIsNoFullKey() {
    DynamoDbKeyCondition c = of(EvaluationContext.PLAN_TIME, f.eq(f.tenant, f.text("a")),
        f.eq(f.eventId, f.text("e1")),
        f.call(SqlStdOperatorTable.LESS_THAN_OR_EQUAL, f.time, f.at("2026-11-01 10:00:00")));
    assertThat(c.fullKeys(Filters.LAYOUT, 10)).isEmpty();
  }

  @Test void aDisjunctionOfFullKeysGivesThoseTheOtherFiltersAllow() {
    RexNode keys = f.or(
        f.and(f.eq(f.tenant, f.text("a")), f.eq(f.eventId, f.text("e1")),
            f.eq(f.time, f.at("2026-11-01 10:00:00"))),
        f.and(f.eq(f.tenant, f.text("b")), f.eq(f.eventId, f.text("e2")),
            f.eq(f.time, f.at("2026-11-02 10:00:00"))));
    assertThat(of(EvaluationContext.PLAN_TIME, keys).fullKeys(Filters.LAYOUT, 10)).contains(List.of(
        new ItemKey("a", f.millis("2026-11-01 10:00:00"), List.of("e1")),
        new ItemKey("b", f.millis("2026-11-02 10:00:00"), List.of("e2"))));
    assertThat(of(EvaluationContext.PLAN_TIME, keys, f.eq(f.tenant, f.text("b")))
        .fullKeys(Filters.LAYOUT, 10)).contains(List.of(
            new ItemKey("b", f.millis("2026-11-02 10:00:00"), List.of("e2"))));
    assertThat(of(EvaluationContext.PLAN_TIME, keys,
        f.call(SqlStdOperatorTable.LESS_THAN, f.time, f.at("2026-11-02 00:00:00")))
        .fullKeys(Filters.LAYOUT, 10)).contains(List.of(
            new ItemKey("a", f.millis("2026-11-01 10:00:00"), List.of("e1"))));
  }

  @Test void aDisjunctWithoutTheWholeKeyIsNoKeyList() {
    RexNode keys = f.or(
        f.and(f.eq(f.tenant, f.text("a")), f.eq(f.eventId, f.text("e1")),
            f.eq(f.time, f.at("2026-11-01 10:00:00"))),
        f.and(f.eq(f.tenant, f.text("b")), f.eq(f.time, f.at("2026-11-02 10:00:00"))));
    assertThat(of(EvaluationContext.PLAN_TIME, keys).fullKeys(Filters.LAYOUT, 10)).isEmpty();
  }
}
