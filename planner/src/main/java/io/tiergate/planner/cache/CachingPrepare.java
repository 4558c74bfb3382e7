package io.tiergate.planner.cache;

import java.lang.reflect.Type;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.prepare.CalcitePrepareImpl;

/**
 * Calcite's preparation with a {@link PlanCache} in front: a statement seen before at the same
 * catalog version skips parsing, validation and optimization. Only queries (EXPLAIN included)
 * are kept; DML and DDL are planned every time. Bind parameters stay parameters in the cached plan,
 * and tier pruning that depends on them (or on CURRENT_TIMESTAMP) runs at each execution.
 */
public final class CachingPrepare extends CalcitePrepareImpl {
  private final PlanCache cache;

  public CachingPrepare(PlanCache cache) {
    this.cache = cache;
  }

  @SuppressWarnings("unchecked")
  @Override public <T> CalcitePrepare.CalciteSignature<T> prepareSql(Context context,
      Query<T> query, Type elementType, long maxRowCount) {
    if (query.sql == null) {
      return super.prepareSql(context, query, elementType, maxRowCount);
    }
    PlanCache.Key key = cache.keyFor(query.sql, context.getDefaultSchemaPath(), maxRowCount);
    CalciteSignature<T> cached = (CalciteSignature<T>) cache.get(key);
    if (cached != null) {
      return cached;
    }
    CalciteSignature<T> plan = super.prepareSql(context, query, elementType, maxRowCount);
    if (plan.statementType == Meta.StatementType.SELECT) { // queries and EXPLAIN
      cache.put(key, plan);
    }
    return plan;
  }
}
