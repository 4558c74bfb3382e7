package io.tiergate.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiergate.planner.range.EvaluationContext;
import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.TimestampString;
import org.junit.jupiter.api.Test;

/** Which filters become a key condition, and the exact sort-key bounds of a time range. */
class DynamoDbKeyConditionTest {
  private final JavaTypeFactoryImpl types = new JavaTypeFactoryImpl();
  private final RexBuilder rex = new RexBuilder(types);
  private final RelDataType varchar = types.createSqlType(SqlTypeName.VARCHAR);
  private final RelDataType timestamp = types.createSqlType(SqlTypeName.TIMESTAMP, 3);
  private final RexNode tenant = rex.makeInputRef(varchar, 0);
  private final RexNode time = rex.makeInputRef(timestamp, 2);

  private RexNode at(String text) {
    return rex.makeTimestampLiteral(new TimestampString(text), 3);
  }

  private DynamoDbKeyCondition of(EvaluationContext context, RexNode... filters) {
    return DynamoDbKeyCondition.of(List.of(filters), 0, 2, context);
  }

  @Test void halfOpenRangeBecomesInclusiveSortKeyBounds() {
    DynamoDbKeyCondition c = of(EvaluationContext.PLAN_TIME,
        rex.makeCall(SqlStdOperatorTable.EQUALS, tenant, rex.makeLiteral("tenant-07")),
        rex.makeCall(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, time,
            at("2026-11-01 00:00:00")),
        rex.makeCall(SqlStdOperatorTable.LESS_THAN, time, at("2026-11-02 00:00:00")));
    assertThat(c.partitionValue()).contains("tenant-07");
    assertThat(c.sortKeyFrom()).contains("2026-11-01T00:00:00.000Z");
    // The last millisecond inside, then '~' above any '#suffix' of it.
    assertThat(c.sortKeyTo()).contains("2026-11-01T23:59:59.999Z~");
  }

  @Test void aConjunctionPushedAsOneFilterIsReadPartByPart() {
    DynamoDbKeyCondition c = of(EvaluationContext.PLAN_TIME, rex.makeCall(SqlStdOperatorTable.AND,
        rex.makeCall(SqlStdOperatorTable.EQUALS, tenant, rex.makeLiteral("tenant-07")),
        rex.makeCall(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, time,
            at("2026-11-01 00:00:00"))));
    assertThat(c.partitionValue()).contains("tenant-07");
    assertThat(c.sortKeyFrom()).contains("2026-11-01T00:00:00.000Z");
  }

  @Test void exclusiveLowerAndInclusiveUpperBoundsMoveByOneMillisecond() {
    DynamoDbKeyCondition c = of(EvaluationContext.PLAN_TIME,
        rex.makeCall(SqlStdOperatorTable.GREATER_THAN, time, at("2026-11-01 00:00:00")),
        rex.makeCall(SqlStdOperatorTable.LESS_THAN_OR_EQUAL, time, at("2026-11-02 00:00:00")));
    assertThat(c.partitionValue()).isEmpty();
    assertThat(c.sortKeyFrom()).contains("2026-11-01T00:00:00.001Z");
    assertThat(c.sortKeyTo()).contains("2026-11-02T00:00:00.000Z~");
  }

  @Test void aBindParameterIsReadAtExecution() {
    RexNode parameter = rex.makeDynamicParam(varchar, 0);
    RexNode filter = rex.makeCall(SqlStdOperatorTable.EQUALS, tenant, parameter);
    assertThat(of(EvaluationContext.PLAN_TIME, filter).partitionValue()).isEmpty();
    assertThat(of(EvaluationContext.atExecution(0L, "tenant-12"), filter).partitionValue())
        .contains("tenant-12");
    assertThat(EvaluationContext.parameterCount(List.of(filter))).isEqualTo(1);
  }

  @Test void aCastColumnOrANumberIsNoKey() {
    RexNode cast = rex.makeCast(types.createSqlType(SqlTypeName.INTEGER), tenant);
    assertThat(of(EvaluationContext.PLAN_TIME, rex.makeCall(SqlStdOperatorTable.EQUALS, cast,
        rex.makeExactLiteral(BigDecimal.valueOf(7)))).partitionValue()).isEmpty();
    assertThat(of(EvaluationContext.PLAN_TIME).sortKeyFrom()).isEmpty();
    assertThat(of(EvaluationContext.PLAN_TIME).sortKeyTo()).isEmpty();
  }
}
