package io.tiergate.planner.range;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.calcite.DataContext;
import org.apache.calcite.DataContexts;
import org.junit.jupiter.api.Test;

class EvaluationContextTest {
  @Test void planTimeKnowsNothing() {
    assertThat(EvaluationContext.PLAN_TIME.hasParameter(0)).isFalse();
    assertThat(EvaluationContext.PLAN_TIME.currentTimestamp()).isEmpty();
    assertThat(EvaluationContext.PLAN_TIME.localTimestamp()).isEmpty();
  }

  @Test void readsWhatAnExecutingCalciteStatementSees() {
    Map<String, Object> values = new HashMap<>();
    values.put("?0", 1_704_067_200_000L);
    values.put("?1", null);
    values.put(DataContext.Variable.CURRENT_TIMESTAMP.camelName, 1_711_888_496_789L);
    values.put(DataContext.Variable.LOCAL_TIMESTAMP.camelName, 1_711_895_696_789L);
    EvaluationContext context = EvaluationContext.fromDataContext(DataContexts.of(values::get), 2);
    assertThat(context.hasParameter(0)).isTrue();
    assertThat(context.parameter(0)).isEqualTo(1_704_067_200_000L);
    assertThat(context.hasParameter(1)).isTrue();
    assertThat(context.parameter(1)).isNull();
    assertThat(context.hasParameter(2)).isFalse();
    assertThat(context.currentTimestamp()).hasValue(1_711_888_496_789L);
    assertThat(context.localTimestamp()).hasValue(1_711_895_696_789L);
  }

  @Test void aDataContextWithoutAClockLeavesItUnknown() {
    EvaluationContext context = EvaluationContext.fromDataContext(DataContexts.EMPTY, 0);
    assertThat(context.currentTimestamp()).isEmpty();
  }

  @Test void atExecutionSetsBothClocksAndKeepsNullParameters() {
    EvaluationContext context = EvaluationContext.atExecution(42L, 1L, null);
    assertThat(context.currentTimestamp()).isEqualTo(OptionalLong.of(42L));
    assertThat(context.localTimestamp()).isEqualTo(OptionalLong.of(42L));
    assertThat(context.parameters()).containsExactly(1L, null);
    assertThat(context.withParameters("x").parameters()).containsExactly("x");
    assertThat(context.withParameters("x").currentTimestamp()).hasValue(42L);
  }
}
