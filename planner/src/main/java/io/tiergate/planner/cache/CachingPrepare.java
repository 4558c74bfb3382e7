package io.tiergate.planner.cache;

import java.lang.reflect.Type;
import io.tiergate.planner.QueryRefusedException;
import io.tiergate.planner.rules.ArchivedMode;
import io.tiergate.planner.rules.TieredInsertRule;
import org.apache.calcite.plan.Contexts;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalcitePrepare;
import io.tiergate.planner.exec.ExecutionScope;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.util.TryThreadLocal;

/**
 * Calcite's preparation with a {@link PlanCache} in front: a statement seen before at the same
 * catalog version skips parsing, validation and optimization. Only queries (EXPLAIN included)
 * are kept; DML and DDL are planned every time. Bind parameters stay parameters in the cached plan,
 * and tier pruning that depends on them (or on CURRENT_TIMESTAMP) runs at each execution.
 */
public final class CachingPrepare extends CalcitePrepareImpl {
  /** The longest IN list kept as a predicate. */
  static final int IN_LIST_LIMIT = 1_000;

  private final PlanCache cache;

  public CachingPrepare(PlanCache cache) {
    this.cache = cache;
  }

  /**
   * Calcite's planner plus the rule that plans INSERT into tiered tables; its context carries
   * the connection's {@link ArchivedMode}, which decides whether planning may refuse a query
   * over archived partitions.
   */
  @Override protected RelOptPlanner createPlanner(CalcitePrepare.Context prepareContext,
      org.apache.calcite.plan.Context externalContext, RelOptCostFactory costFactory) {
    org.apache.calcite.plan.Context withMode = Contexts.chain(
        externalContext != null ? externalContext : Contexts.of(prepareContext.config()),
        Contexts.of(ArchivedMode.of(prepareContext.getDataContext())));
    RelOptPlanner planner = super.createPlanner(prepareContext, withMode, costFactory);
    planner.addRule(TieredInsertRule.INSTANCE);
    return planner;
  }

  @Override public <T> CalcitePrepare.CalciteSignature<T> prepareSql(Context context,
      Query<T> query, Type elementType, long maxRowCount) {
    CalciteSignature<T> plan = cachedOrPrepared(context, query, elementType, maxRowCount);
    ExecutionScope.current().ifPresent(ExecutionScope::planned);
    return plan;
  }

  @SuppressWarnings("unchecked")
  private <T> CalciteSignature<T> cachedOrPrepared(Context context, Query<T> query,
      Type elementType, long maxRowCount) {
    if (query.sql == null) {
      return prepare(context, query, elementType, maxRowCount);
    }
    // Plans differ by archived mode only in whether planning refuses; kept apart all the same,
    // so a refusing connection never gets a plan that another one's mode let through.
    PlanCache.Key key = cache.keyFor(query.sql, context.getDefaultSchemaPath(), maxRowCount,
        ArchivedMode.of(context.getDataContext()));
    CalciteSignature<T> cached = (CalciteSignature<T>) cache.get(key);
    if (cached != null) {
      return cached;
    }
    CalciteSignature<T> plan = prepare(context, query, elementType, maxRowCount);
    if (plan.statementType == Meta.StatementType.SELECT) { // queries and EXPLAIN
      cache.put(key, plan);
    }
    return plan;
  }

  /**
   * Calcite's preparation, with a refusal raised while planning or generating code surfaced as
   * itself: Calcite would wrap it in "Unable to implement" and the whole plan.
   */
  private <T> CalciteSignature<T> prepare(Context context, Query<T> query, Type elementType,
      long maxRowCount) {
    // IN lists up to this size stay predicates (Calcite's default of 20 turns longer ones into
    // a join with VALUES), so key lists reach DynamoDB and Redis as keys, not as a scan.
    try (TryThreadLocal.Memo ignored = Prepare.THREAD_INSUBQUERY_THRESHOLD.push(IN_LIST_LIMIT)) {
      return super.prepareSql(context, query, elementType, maxRowCount);
    } catch (RuntimeException e) {
      QueryRefusedException refused = find(e);
      throw refused != null ? refused : e;
    }
  }

  /** Calcite keeps the code generator's exception as a suppressed one, or as a cause. */
  private static QueryRefusedException find(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof QueryRefusedException refused) {
        return refused;
      }
      for (Throwable suppressed : t.getSuppressed()) {
        QueryRefusedException found = find(suppressed);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
