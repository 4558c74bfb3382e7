package io.tiergate.planner.cache;

import java.lang.reflect.Type;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tiergate.planner.QueryRefusedException;
import io.tiergate.planner.cost.CostEstimate;
import io.tiergate.planner.cost.CostLimitExceededException;
import io.tiergate.planner.cost.CostLimit;
import io.tiergate.planner.cost.QueryCosting;
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
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.runtime.Hook;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.apache.calcite.util.TryThreadLocal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calcite's preparation with a {@link PlanCache} in front: a statement seen before at the same
 * catalog version skips parsing, validation and optimization. Only queries (EXPLAIN included)
 * are kept; DML and DDL are planned every time. Bind parameters stay parameters in the cached plan,
 * and tier pruning that depends on them (or on CURRENT_TIMESTAMP) runs at each execution.
 */
public final class CachingPrepare extends CalcitePrepareImpl {
  /** The longest IN list kept as a predicate. */
  static final int IN_LIST_LIMIT = 1_000;
  private static final Logger LOG = LoggerFactory.getLogger(CachingPrepare.class);

  private final PlanCache cache;
  private final @Nullable QueryCosting costing;
  /**
   * Each plan's cost estimate, made as it was planned (a cached plan is not planned again).
   * Weak keys: an estimate goes with its plan, and plans are told apart by identity.
   */
  private final Cache<CalciteSignature<?>, CostEstimate> estimates =
      Caffeine.newBuilder().weakKeys().build();

  public CachingPrepare(PlanCache cache) {
    this(cache, null);
  }

  /** @param costing how plans are priced (EXPLAIN's cost_usd, max_cost_usd); null: not */
  public CachingPrepare(PlanCache cache, @Nullable QueryCosting costing) {
    this.cache = cache;
    this.costing = costing;
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
        costing == null ? Contexts.of(ArchivedMode.of(prepareContext.getDataContext()))
            : Contexts.of(ArchivedMode.of(prepareContext.getDataContext()), costing));
    RelOptPlanner planner = super.createPlanner(prepareContext, withMode, costFactory);
    planner.addRule(TieredInsertRule.INSTANCE);
    return planner;
  }

  @Override public <T> CalcitePrepare.CalciteSignature<T> prepareSql(Context context,
      Query<T> query, Type elementType, long maxRowCount) {
    CalciteSignature<T> plan = cachedOrPrepared(context, query, elementType, maxRowCount);
    CostEstimate estimate = estimates.getIfPresent(plan);
    if (estimate != null) {
      checkCost(context, estimate); // again for a cached plan, which was not planned now
    }
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
    // The final plan, priced just before its code is generated: generating it may already
    // refuse the query (archived partitions) or start restores (archived=restore), so the
    // cost limit goes first. EXPLAIN generates nothing, so it is never refused for its cost.
    CostEstimate[] estimate = {null};
    try (TryThreadLocal.Memo ignored = Prepare.THREAD_INSUBQUERY_THRESHOLD.push(IN_LIST_LIMIT);
        Hook.Closeable planned = Hook.PLAN_BEFORE_IMPLEMENTATION.addThread((RelRoot root) -> {
          estimate[0] = estimate(context, root);
          if (estimate[0] != null) {
            checkCost(context, estimate[0]);
          }
        })) {
      CalciteSignature<T> plan = super.prepareSql(context, query, elementType, maxRowCount);
      if (estimate[0] != null && costing != null) {
        estimates.put(plan, estimate[0]);
      }
      return plan;
    } catch (RuntimeException e) {
      QueryRefusedException refused = find(e);
      throw refused != null ? refused : e;
    }
  }

  /**
   * The plan's estimate, or null when it cannot be made: an estimate is for EXPLAIN and the
   * query log, and its failure must not fail the query, unless the connection set a cost limit,
   * which cannot be honoured without one.
   */
  private static @Nullable CostEstimate estimate(Context context, RelRoot root) {
    try {
      return QueryCosting.estimate(root.rel);
    } catch (RuntimeException e) {
      if (CostLimit.of(context.getDataContext()).isPresent()) {
        throw new CostLimitExceededException("Query refused: its cost cannot be estimated ("
            + e.getMessage() + "), so " + CostLimit.OPTION + " cannot be checked. Run it on a"
            + " connection without " + CostLimit.OPTION + ", or report the statement");
      }
      LOG.warn("No cost estimate for this plan: {}", e.toString());
      return null;
    }
  }

  /**
   * Records the statement's estimate and refuses it when the connection's max_cost_usd is
   * less: before it runs, so a refused query has asked no store anything.
   */
  private static void checkCost(Context context, CostEstimate estimate) {
    ExecutionScope.current().ifPresent(scope -> scope.estimated(estimate));
    CostLimit.of(context.getDataContext()).ifPresent(limit -> limit.check(estimate));
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
