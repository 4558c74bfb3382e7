package io.tiergate.adapter.jdbc;

import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverter;
import org.apache.calcite.linq4j.tree.BlockStatement;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.MethodCallExpression;
import org.apache.calcite.linq4j.tree.Shuttle;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.util.BuiltInMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calcite's JDBC-to-enumerable converter whose statement parameters are read through
 * {@link PlanParameterTypes}: a TIMESTAMP, DATE or TIME parameter reaches the store as a time
 * value, not as Calcite's internal number.
 *
 * <p>Calcite generates {@code ResultSetEnumerable.createEnricher(indexes, context)} to bind the
 * parameters from the DataContext; the generated code is kept and only that context is wrapped,
 * so every other value is bound exactly as Calcite binds it.
 */
public final class PlanTypedJdbcToEnumerableConverter extends JdbcToEnumerableConverter {
  private static final Logger LOG =
      LoggerFactory.getLogger(PlanTypedJdbcToEnumerableConverter.class);
  private static final Method OVER =
      Types.lookupMethod(PlanParameterTypes.class, "over", DataContext.class);

  PlanTypedJdbcToEnumerableConverter(RelOptCluster cluster, RelTraitSet traits, RelNode input) {
    super(cluster, traits, input);
  }

  static ConverterRule rule(JdbcConvention in) {
    return ConverterRule.Config.INSTANCE
        .withConversion(RelNode.class, in, EnumerableConvention.INSTANCE,
            "PlanTypedJdbcToEnumerableConverterRule")
        .withRuleFactory(Rule::new)
        .toRule(Rule.class);
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new PlanTypedJdbcToEnumerableConverter(getCluster(), traitSet, sole(inputs));
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    Result result = super.implement(implementor, pref);
    PlanParameterTypes types = PlanParameterTypes.of(getInput());
    if (types.isEmpty()) {
      return result;
    }
    Expression stashed = implementor.stash(types, PlanParameterTypes.class);
    boolean[] wrapped = {false};
    Shuttle shuttle = new Shuttle() {
      @Override public Expression visit(MethodCallExpression call, Expression target,
          List<Expression> arguments) {
        Expression visited = super.visit(call, target, arguments);
        if (visited instanceof MethodCallExpression enricher
            && enricher.method.equals(BuiltInMethod.CREATE_ENRICHER.method)) {
          wrapped[0] = true;
          return Expressions.call(enricher.method, enricher.expressions.get(0),
              Expressions.call(stashed, OVER, enricher.expressions.get(1)));
        }
        return visited;
      }
    };
    Result typed = implementor.result(result.physType,
        (BlockStatement) result.block.accept(shuttle));
    if (!wrapped[0]) {
      // Calcite generated its binding differently: the store's describe is the fallback.
      LOG.warn("No parameter binding found in Calcite's generated code; time parameters of {}"
          + " depend on the store describing them", getInput().getConvention());
      return result;
    }
    return typed;
  }

  private static final class Rule extends ConverterRule {
    Rule(Config config) {
      super(config);
    }

    @Override public RelNode convert(RelNode rel) {
      return new PlanTypedJdbcToEnumerableConverter(rel.getCluster(),
          rel.getTraitSet().replace(EnumerableConvention.INSTANCE), rel);
    }
  }
}
