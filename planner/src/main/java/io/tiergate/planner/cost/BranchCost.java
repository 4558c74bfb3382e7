package io.tiergate.planner.cost;

import io.tiergate.planner.manifest.Tier;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * What one tier's branch of a query is estimated to cost, and what the estimate rests on, so
 * that EXPLAIN and a refusal can say why ({@code bytes=2576980378 partitions=30}).
 *
 * @param store the store the branch asks ({@code athena}, {@code redshift}, {@code dynamodb})
 * @param basis the measure the price is applied to, as {@code name=value} pairs
 */
public record BranchCost(Tier tier, String store, double usd, String basis) {

  /**
   * USD as EXPLAIN and errors show it: three significant digits, never in exponent form, so a
   * DynamoDB lookup's $0.000000125 reads as plainly as an Athena scan's $0.0114.
   */
  public static String usd(double usd) {
    return new BigDecimal(usd).round(new MathContext(3)).stripTrailingZeros().toPlainString();
  }

  @Override public String toString() {
    return tier.lowerName() + " tier (" + store + ": " + basis + ") $" + usd(usd);
  }
}
