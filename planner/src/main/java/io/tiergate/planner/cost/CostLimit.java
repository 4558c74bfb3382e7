package io.tiergate.planner.cost;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.Properties;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteConnection;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The most a connection lets one query cost (the client's connection option
 * {@code max_cost_usd}): a query estimated above it is refused before any store is asked.
 */
public record CostLimit(BigDecimal maxUsd) {
  /** The connection option, as clients write it. */
  public static final String OPTION = "max_cost_usd";
  /** Where the gateway records it in a Calcite connection's properties. */
  public static final String PROPERTY = "tiergate.max_cost_usd";
  /** SQLState of a statement refused for what it would cost (program limit exceeded). */
  public static final String SQL_STATE = "54000";

  /**
   * The limit a client's option value names; null when the option is not given.
   *
   * @throws IllegalArgumentException naming the option, for a value that is not a number of
   *     dollars of 0 or more
   */
  public static @Nullable CostLimit parse(@Nullable String value) {
    if (value == null) {
      return null;
    }
    BigDecimal usd;
    try {
      usd = new BigDecimal(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Connection option " + OPTION + "='" + value
          + "' is not a number: give the most one query may cost in USD, such as "
          + OPTION + "=0.05");
    }
    if (usd.signum() < 0) {
      throw new IllegalArgumentException("Connection option " + OPTION + "='" + value
          + "' is negative: give 0 or more USD, such as " + OPTION + "=0.05");
    }
    return new CostLimit(usd);
  }

  /** The limit recorded in a Calcite connection's properties, if any. */
  public static Optional<CostLimit> of(Properties calciteProperties) {
    return Optional.ofNullable(parse(calciteProperties.getProperty(PROPERTY)));
  }

  /** The limit of the connection a statement is prepared in, if any. */
  public static Optional<CostLimit> of(DataContext root) {
    return root.getQueryProvider() instanceof CalciteConnection connection
        ? of(connection.getProperties()) : Optional.empty();
  }

  /** Refuses {@code estimate} when its total exceeds the limit, naming each tier's share. */
  public void check(CostEstimate estimate) {
    double total = estimate.totalUsd();
    if (total > maxUsd.doubleValue()) {
      throw new CostLimitExceededException("Query refused: estimated cost $"
          + BranchCost.usd(total) + " exceeds " + OPTION + "=" + maxUsd.toPlainString() + " ("
          + estimate.describe() + "). Narrow the time range, or raise " + OPTION);
    }
  }
}
