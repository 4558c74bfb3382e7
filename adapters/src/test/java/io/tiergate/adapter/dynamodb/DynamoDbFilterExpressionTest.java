package io.tiergate.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiergate.adapter.dynamodb.DynamoDbFilterExpression.Expression;
import io.tiergate.planner.range.EvaluationContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The exact FilterExpression of each filter shape, and what must stay out of it. */
class DynamoDbFilterExpressionTest {
  private static final String S_GUARD = " OR NOT attribute_type(#c3, :f1))";
  private final Filters f = new Filters();

  private Optional<Expression> of(EvaluationContext context, RexNode... filters) {
    return DynamoDbFilterExpression.of(List.of(filters), Filters.LAYOUT, context, Set.of(0),
        Optional.empty());
  }

  private Optional<Expression> of(RexNode... filters) {
    return of(EvaluationContext.PLAN_TIME, filters);
  }

  private static AttributeValue n(String v) {
    return AttributeValue.fromN(v);
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  @Test void numberComparisonsAreExactAndNegatedAsTheirComplement() {
    Expression e = of(f.call(SqlStdOperatorTable.GREATER_THAN, f.amount, f.number("10")),
        f.not(f.call(SqlStdOperatorTable.LESS_THAN_OR_EQUAL, f.count, f.number("3")))).get();
    assertThat(e.text()).isEqualTo("#c4 > :f0 AND NOT (#c6 <= :f1)");
    assertThat(e.names()).isEqualTo(Map.of("#c4", "amount", "#c6", "count"));
    assertThat(e.values()).isEqualTo(Map.of(":f0", n("10.0"), ":f1", n("3")));
  }

  @Test void aLiteralOnTheLeftTurnsTheComparisonAround() {
    assertThat(of(f.call(SqlStdOperatorTable.LESS_THAN, f.number("10"), f.amount)).get().text())
        .isEqualTo("#c4 > :f0");
  }

  @Test void aDoubleLiteralIsComparedAsTheDoubleItRoundsTo() {
    assertThat(of(f.eq(f.amount, f.number("0.10000000000000001"))).get().values())
        .isEqualTo(Map.of(":f0", n("0.1")));
  }

  @Test void aVarcharComparisonKeepsItemsWhoseAttributeIsNotAString() {
    Expression e = of(f.eq(f.kind, f.text("click"))).get();
    assertThat(e.text()).isEqualTo("(#c3 = :f0" + S_GUARD);
    assertThat(e.values()).isEqualTo(Map.of(":f0", s("click"), ":f1", s("S")));
    assertThat(of(f.not(f.eq(f.kind, f.text("click")))).get().text())
        .isEqualTo("(NOT (#c3 = :f0)" + S_GUARD);
  }

  private RexNode wide(String value) {
    return f.rex.makeCharLiteral(new org.apache.calcite.util.NlsString(value, "UTF-16LE",
        org.apache.calcite.sql.SqlCollation.IMPLICIT));
  }

  @Test void aStringRangeNeedsABoundBelowTheSurrogates() {
    assertThat(of(f.call(SqlStdOperatorTable.GREATER_THAN, f.kind, f.text("b"))).get().text())
        .isEqualTo("(#c3 > :f0" + S_GUARD);
    assertThat(of(f.call(SqlStdOperatorTable.GREATER_THAN, f.kind, wide("\uFF21")))).isEmpty();
    // Equality needs no order: any character will do.
    assertThat(of(f.eq(f.kind, wide("\uFF21")))).isPresent();
  }

  @Test void inListsAndRangesOfASearch() {
    Expression in = of(f.in(f.count, f.number("3"), f.number("1"), f.number("2"))).get();
    assertThat(in.text()).isEqualTo("#c6 IN (:f0, :f1, :f2)");
    assertThat(in.values()).isEqualTo(Map.of(":f0", n("1"), ":f1", n("2"), ":f2", n("3")));
    Expression between = of(search(org.apache.calcite.rex.RexUnknownAs.UNKNOWN,
        com.google.common.collect.Range.closed(java.math.BigDecimal.ONE,
            java.math.BigDecimal.TEN))).get();
    assertThat(between.text()).isEqualTo("#c6 BETWEEN :f0 AND :f1");
    assertThat(between.values()).isEqualTo(Map.of(":f0", n("1"), ":f1", n("10")));
    // hits > 5 OR hits IS NULL, as one Sarg that lets NULL through.
    Expression open = of(search(org.apache.calcite.rex.RexUnknownAs.TRUE,
        com.google.common.collect.Range.greaterThan(java.math.BigDecimal.valueOf(5)))).get();
    assertThat(open.text()).isEqualTo(
        "(#c6 > :f0 OR (attribute_not_exists(#c6) OR attribute_type(#c6, :f1)))");
    assertThat(of(f.not(search(org.apache.calcite.rex.RexUnknownAs.TRUE,
        com.google.common.collect.Range.greaterThan(java.math.BigDecimal.valueOf(5)))))
        .get().text()).isEqualTo("NOT (#c6 > :f0)");
  }

  private RexNode search(org.apache.calcite.rex.RexUnknownAs nullAs,
      com.google.common.collect.Range<java.math.BigDecimal> range) {
    return f.call(SqlStdOperatorTable.SEARCH, f.count, f.rex.makeSearchArgumentLiteral(
        org.apache.calcite.util.Sarg.of(nullAs,
            com.google.common.collect.ImmutableRangeSet.of(range)),
        f.types.createSqlType(SqlTypeName.BIGINT)));
  }

  @Test void nullTests() {
    assertThat(of(f.call(SqlStdOperatorTable.IS_NULL, f.amount)).get().text())
        .isEqualTo("(attribute_not_exists(#c4) OR attribute_type(#c4, :f0))");
    assertThat(of(f.call(SqlStdOperatorTable.IS_NOT_NULL, f.amount)).get().text())
        .isEqualTo("(attribute_exists(#c4) AND NOT attribute_type(#c4, :f0))");
    assertThat(of(f.not(f.call(SqlStdOperatorTable.IS_NULL, f.amount))).get().text())
        .isEqualTo("(attribute_exists(#c4) AND NOT attribute_type(#c4, :f0))");
    assertThat(of(f.call(SqlStdOperatorTable.IS_NULL, f.amount)).get().values())
        .isEqualTo(Map.of(":f0", s("NULL")));
  }

  @Test void anOrNeedsEveryBranchAndAnAndTakesWhatItCan() {
    RexNode expressible = f.eq(f.flag, f.rex.makeLiteral(true));
    RexNode opaque = f.eq(f.call(SqlStdOperatorTable.UPPER, f.kind), f.text("X"));
    assertThat(of(f.or(expressible, opaque))).isEmpty();
    assertThat(of(f.and(expressible, opaque)).get().text()).isEqualTo("#c5 = :f0");
    // NOT (a AND b) = NOT a OR NOT b: b is needed, so nothing.
    assertThat(of(f.not(f.and(expressible, opaque)))).isEmpty();
    // NOT (a OR b) = NOT a AND NOT b: NOT a alone keeps more, which is allowed.
    assertThat(of(f.not(f.or(expressible, opaque))).get().text()).isEqualTo("NOT (#c5 = :f0)");
    assertThat(of(f.or(expressible, f.call(SqlStdOperatorTable.GREATER_THAN, f.amount,
        f.number("1")))).get().text()).isEqualTo("(#c5 = :f0 OR #c4 > :f1)");
  }

  @Test void aBranchLeftOutLeavesNoPlaceholderBehind() {
    // kind = 'x' names #c3, :f0 and :f1 before the time side makes the whole OR inexpressible.
    RexNode or = f.or(f.eq(f.kind, f.text("x")), f.call(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL,
        f.time, f.at("2026-11-01 00:00:00")));
    assertThat(of(or)).isEmpty();
    Expression e = of(or, f.call(SqlStdOperatorTable.GREATER_THAN, f.amount, f.number("1")))
        .get();
    assertThat(e.text()).isEqualTo("#c4 > :f2");
    assertThat(e.names()).isEqualTo(Map.of("#c4", "amount"));
    assertThat(e.values()).isEqualTo(Map.of(":f2", n("1.0")));
  }

  @Test void booleansAreNeverOrderedAndTimesAndExcludedColumnsStayOut() {
    assertThat(of(f.call(SqlStdOperatorTable.GREATER_THAN, f.flag, f.rex.makeLiteral(false))))
        .isEmpty();
    assertThat(of(f.eq(f.time, f.at("2026-11-01 00:00:00")))).isEmpty();
    assertThat(of(f.eq(f.tenant, f.text("a")))).isEmpty(); // column 0 is excluded here
    assertThat(of(f.eq(f.kind, f.rex.makeNullLiteral(f.types.createSqlType(
        SqlTypeName.VARCHAR))))).isEmpty();
  }

  @Test void aValueOfAnotherKindThanTheColumnStaysOut() {
    assertThat(of(f.eq(f.kind, f.number("5")))).isEmpty();
    assertThat(of(f.eq(f.count, f.text("5")))).isEmpty();
  }

  @Test void bindParametersAreValuesAtExecution() {
    RexNode filter = f.eq(f.count, f.param(SqlTypeName.BIGINT, 0));
    assertThat(of(filter)).isEmpty();
    Expression e = of(EvaluationContext.atExecution(0L, 42L), filter).get();
    assertThat(e.text()).isEqualTo("#c6 = :f0");
    assertThat(e.values()).isEqualTo(Map.of(":f0", n("42")));
    assertThat(of(EvaluationContext.atExecution(0L, "42"), filter)).isEmpty();
  }
}
