package io.tiergate.planner.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiergate.planner.manifest.Tier;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostLimitTest {
  private static final CostEstimate ESTIMATE = new CostEstimate(List.of(
      new BranchCost(Tier.WARM, "redshift", 0.0006, "bytes=1 seconds=0.010"),
      new BranchCost(Tier.COLD, "athena", 0.0117, "bytes=2 partitions=30")));

  @Test void aValueThatIsNotANonNegativeNumberIsRefusedNamingTheOption() {
    assertThatThrownBy(() -> CostLimit.parse("abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Connection option max_cost_usd='abc' is not a number: give the most one"
            + " query may cost in USD, such as max_cost_usd=0.05");
    assertThatThrownBy(() -> CostLimit.parse("-0.01"))
        .hasMessageStartingWith("Connection option max_cost_usd='-0.01' is negative");
    assertThat(CostLimit.parse(null)).isNull();
    assertThat(CostLimit.parse(" 0.5 ")).isEqualTo(new CostLimit(new BigDecimal("0.5")));
  }

  @Test void anEstimateAboveTheLimitIsRefusedNamingEachTierCostliestFirst() {
    assertThatThrownBy(() -> CostLimit.parse("0.01").check(ESTIMATE))
        .isInstanceOf(CostLimitExceededException.class)
        .hasMessage("Query refused: estimated cost $0.0123 exceeds max_cost_usd=0.01"
            + " (cold tier (athena: bytes=2 partitions=30) $0.0117; warm tier (redshift:"
            + " bytes=1 seconds=0.010) $0.0006). Narrow the time range, or raise"
            + " max_cost_usd")
        .extracting(e -> ((CostLimitExceededException) e).sqlState()).isEqualTo("54000");
  }

  @Test void anEstimateAtTheLimitRuns() {
    assertThatCode(() -> CostLimit.parse("0.0123").check(ESTIMATE)).doesNotThrowAnyException();
    assertThatCode(() -> CostLimit.parse("0").check(CostEstimate.NONE))
        .doesNotThrowAnyException();
  }
}
