package io.tiergate.planner.range;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptPredicateList;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexSimplify;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql2rel.ConvertToChecked;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;

/**
 * Conditions over {@code events(event_time TIMESTAMP(3), tenant_id VARCHAR, amount DOUBLE)}
 * exactly as Calcite builds them from SQL: parsed, validated and converted by its own
 * {@link Planner}, and optionally simplified by {@link RexSimplify} as planner rules do (which
 * is where SEARCH/Sarg comes from).
 */
final class EventsConditions {
  static final int TIME_COLUMN = 0;

  private final FrameworkConfig config;
  private RexBuilder rexBuilder;

  EventsConditions() {
    SchemaPlus root = Frameworks.createRootSchema(true);
    root.add("EVENTS", new AbstractTable() {
      @Override public RelDataType getRowType(RelDataTypeFactory types) {
        return rowType(types);
      }
    });
    config = Frameworks.newConfigBuilder().defaultSchema(root).build();
    plan("SELECT * FROM events");
  }

  static RelDataType rowType(RelDataTypeFactory types) {
    return types.builder()
        .add("EVENT_TIME", SqlTypeName.TIMESTAMP, 3).nullable(true)
        .add("TENANT_ID", SqlTypeName.VARCHAR).nullable(true)
        .add("AMOUNT", SqlTypeName.DOUBLE).nullable(true)
        .build();
  }

  /** The condition of {@code SELECT * FROM events WHERE predicate}, as converted. */
  RexNode where(String predicate) {
    RelNode rel = plan("SELECT * FROM events WHERE " + predicate);
    Filter filter = findFilter(rel);
    return filter == null ? rexBuilder.makeLiteral(true) : filter.getCondition();
  }

  /** {@link #where}, simplified as a filter condition (UNKNOWN as FALSE). */
  RexNode simplifiedWhere(String predicate) {
    return simplify(where(predicate));
  }

  /**
   * {@link #where} as a Calcite JDBC statement (the gateway's path) prepares it: after
   * {@link ConvertToChecked}, which turns interval arithmetic into CHECKED_ operators.
   */
  RexNode checkedWhere(String predicate) {
    RelNode rel = plan("SELECT * FROM events WHERE " + predicate)
        .accept(new ConvertToChecked(rexBuilder, false));
    Filter filter = findFilter(rel);
    return filter == null ? rexBuilder.makeLiteral(true) : filter.getCondition();
  }

  RexNode simplify(RexNode condition) {
    return simplify(rexBuilder, condition);
  }

  static RexNode simplify(RexBuilder rexBuilder, RexNode condition) {
    return new RexSimplify(rexBuilder, RelOptPredicateList.EMPTY, RexUtil.EXECUTOR)
        .simplifyUnknownAsFalse(condition);
  }

  RexBuilder rexBuilder() {
    return rexBuilder;
  }

  /** {@code $0}, the time column, to build conditions by hand. */
  RexNode timeColumn() {
    return rexBuilder.makeInputRef(rowType(rexBuilder.getTypeFactory()).getFieldList().get(0)
        .getType(), TIME_COLUMN);
  }

  private RelNode plan(String sql) {
    Planner planner = Frameworks.getPlanner(config);
    try {
      RelNode rel = planner.rel(planner.validate(planner.parse(sql))).project();
      rexBuilder = rel.getCluster().getRexBuilder();
      return rel;
    } catch (Exception e) {
      throw new IllegalArgumentException("cannot plan: " + sql, e);
    } finally {
      planner.close();
    }
  }

  private static Filter findFilter(RelNode rel) {
    if (rel instanceof Filter filter) {
      return filter;
    }
    List<RelNode> inputs = new ArrayList<>(rel.getInputs());
    for (RelNode input : inputs) {
      Filter found = findFilter(input);
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}
