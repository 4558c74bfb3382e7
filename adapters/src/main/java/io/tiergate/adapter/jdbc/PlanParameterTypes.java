package io.tiergate.adapter.jdbc;

import java.util.HashMap;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.schema.SchemaPlus;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The time-typed dynamic parameters ({@code ?}) of a statement pushed to a JDBC store, with
 * their JDBC types as the plan knows them. Calcite keeps a parameter's value in its internal
 * form (TIMESTAMP: epoch millis, DATE: epoch days, TIME: millis of the day); read through
 * {@link #over}, such a value is the time it stands for, as {@link TemporalParameters} makes it.
 */
public final class PlanParameterTypes {
  /** DataContext key ({@code ?<index>}) to JDBC type, time types only. */
  private final Map<String, Integer> jdbcTypes;

  private PlanParameterTypes(Map<String, Integer> jdbcTypes) {
    this.jdbcTypes = jdbcTypes;
  }

  /** The time-typed parameters anywhere in {@code rel}, the tree that becomes one statement. */
  static PlanParameterTypes of(RelNode rel) {
    Map<String, Integer> jdbcTypes = new HashMap<>();
    collect(rel, new RexShuttle() {
      @Override public RexNode visitDynamicParam(RexDynamicParam param) {
        int jdbcType = param.getType().getSqlTypeName().getJdbcOrdinal();
        if (TemporalParameters.isTime(jdbcType)) {
          jdbcTypes.put("?" + param.getIndex(), jdbcType);
        }
        return param;
      }
    });
    return new PlanParameterTypes(Map.copyOf(jdbcTypes));
  }

  private static void collect(RelNode rel, RexShuttle visitor) {
    rel.accept(visitor);
    for (RelNode input : rel.getInputs()) {
      collect(input, visitor);
    }
  }

  boolean isEmpty() {
    return jdbcTypes.isEmpty();
  }

  /** {@code context} with the time parameters as time values; called by generated code. */
  public DataContext over(DataContext context) {
    return new DataContext() {
      @Override public SchemaPlus getRootSchema() {
        return context.getRootSchema();
      }

      @Override public JavaTypeFactory getTypeFactory() {
        return context.getTypeFactory();
      }

      @Override public QueryProvider getQueryProvider() {
        return context.getQueryProvider();
      }

      @Override public @Nullable Object get(String name) {
        Object value = context.get(name);
        Integer jdbcType = jdbcTypes.get(name);
        return jdbcType != null && (value instanceof Long || value instanceof Integer)
            ? TemporalParameters.timeValue(jdbcType, ((Number) value).longValue()) : value;
      }
    };
  }
}
