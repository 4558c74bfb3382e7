package io.tiergate.adapter.jdbc;

import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverterRule;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.sql.SqlDialect;

/**
 * Calcite's JDBC convention, but leaving it through {@link PlanTypedJdbcToEnumerableConverter}:
 * the statement a store gets is bound with the parameter types the plan knows, so no store has
 * to describe its parameters (the Athena API cannot, Athena's JDBC driver may not).
 */
public final class PlanTypedJdbcConvention extends JdbcConvention {
  public PlanTypedJdbcConvention(SqlDialect dialect, Expression expression, String name) {
    super(dialect, expression, name);
  }

  /** As {@link JdbcConvention#register}, with this gateway's converter rule for Calcite's. */
  @Override public void register(RelOptPlanner planner) {
    for (RelOptRule rule : JdbcRules.rules(this)) {
      planner.addRule(rule instanceof JdbcToEnumerableConverterRule
          ? PlanTypedJdbcToEnumerableConverter.rule(this) : rule);
    }
    planner.addRule(CoreRules.FILTER_SET_OP_TRANSPOSE);
    planner.addRule(CoreRules.PROJECT_REMOVE);
  }
}
