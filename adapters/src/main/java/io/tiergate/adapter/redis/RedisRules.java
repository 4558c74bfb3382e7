package io.tiergate.adapter.redis;

import io.tiergate.planner.range.EvaluationContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a sorted-set scan takes over from the gateway:
 * <ul>
 *   <li>a filter's keys and score ranges (the filter itself stays above the scan);
 *   <li>a LIMIT (with OFFSET), when the ranges hold exactly the rows the filters select, and
 *   either no order is asked for or ascending time on one key, the order ZRANGEBYSCORE
 *   returns. Otherwise (a filter on the value, say) the LIMIT stays in the gateway, since
 *   Redis would cut rows before the filter drops some.
 * </ul>
 */
public final class RedisRules {
  private RedisRules() {
  }

  static void register(RelOptPlanner planner) {
    planner.addRule(FilterRule.INSTANCE);
    planner.addRule(LimitRule.INSTANCE);
    planner.addRule(ToEnumerable.INSTANCE);
  }

  private static boolean isPlain(RexNode condition) {
    return !RexUtil.containsCorrelation(condition) && !RexOver.containsOver(condition)
        && RexUtil.SubQueryFinder.find(condition) == null;
  }

  /**
   * Filter(scan) to Filter(scan reading the filter's keys and score ranges); also through
   * projections that pick columns (field trimming puts them between filter and scan).
   */
  static final class FilterRule extends RelOptRule {
    static final FilterRule INSTANCE = new FilterRule();

    FilterRule() {
      super(operand(LogicalFilter.class, any()), "RedisRules.Filter");
    }

    @Override public void onMatch(RelOptRuleCall call) {
      Chain chain = Chain.below(call.rel(0));
      if (chain == null
          || new HashSet<>(chain.scan.filters).containsAll(chain.conditions)) {
        return; // not over a scan, or its filters are read already
      }
      call.transformTo(chain.over(chain.scan.withFilters(chain.conditions), null));
    }
  }

  /**
   * Sort with FETCH over projections and filters of a scan to the same projections and filters
   * over a RedisLimit of the scan (limiting before a filter is right only because the filters
   * select exactly what the scan reads).
   */
  static final class LimitRule extends RelOptRule {
    static final LimitRule INSTANCE = new LimitRule();

    LimitRule() {
      super(operand(LogicalSort.class, any()), "RedisRules.Limit");
    }

    @Override public void onMatch(RelOptRuleCall call) {
      LogicalSort sort = call.rel(0);
      Double maxRows = call.getMetadataQuery().getMaxRowCount(sort.getInput());
      if (!(sort.fetch instanceof RexLiteral)
          || sort.offset != null && !(sort.offset instanceof RexLiteral)
          || maxRows != null && !maxRows.isInfinite()) {
        return; // no FETCH, or FETCH ? known only at execution, or a LIMIT of a LIMIT
      }
      Chain chain = Chain.below(sort.getInput());
      if (chain == null || !RedisSortedSetTable.readsExactly(chain.conditions,
          sort.getCluster().getRexBuilder())) {
        return;
      }
      List<RelFieldCollation> order = sort.getCollation().getFieldCollations();
      boolean timeOrdered = !order.isEmpty();
      int[] fields = null;
      if (timeOrdered) {
        fields = order.size() == 1
            && order.get(0).direction == RelFieldCollation.Direction.ASCENDING
            ? chain.fieldsOf(order.get(0).getFieldIndex()) : null;
        if (fields == null || fields[fields.length - 1] != RedisSortedSetTable.TIME_COLUMN
            || !readsOneKey(chain.conditions)) {
          return;
        }
      }
      int fetch = RexLiteral.intValue(sort.fetch);
      int offset = sort.offset == null ? 0 : RexLiteral.intValue(sort.offset);
      call.transformTo(chain.over(new RedisLimit(sort.getCluster(),
          Chain.ordered(sort.getCluster().traitSetOf(RedisRel.CONVENTION), fields,
              chain.above.size()),
          chain.scan.withFilters(chain.conditions), offset, fetch, timeOrdered), fields));
    }

    private static boolean readsOneKey(List<RexNode> conditions) {
      Optional<Set<String>> keys = RedisKeyPredicate.keys(conditions, 0,
          EvaluationContext.PLAN_TIME);
      return keys.isPresent() && keys.get().size() == 1;
    }
  }

  /**
   * Projections and filters over a sorted-set scan, top down as first planned (a Volcano subset
   * stands for the rel it was made from), and the filters' conjunctions on the scan's columns.
   * Below a filter, projections may only pick columns (as field trimming puts them there).
   */
  private record Chain(List<RelNode> above, List<RexNode> conditions, RedisSortedSetScan scan) {
    static @Nullable Chain below(RelNode input) {
      List<RelNode> above = new ArrayList<>();
      RelNode node = unwrap(input);
      while (!(node instanceof RedisSortedSetScan)) {
        if (!(node instanceof LogicalProject || node instanceof LogicalFilter filter
            && isPlain(filter.getCondition()))) {
          return null;
        }
        above.add(node);
        node = unwrap(node.getInput(0));
      }
      RedisSortedSetScan scan = (RedisSortedSetScan) node;
      List<RexNode> conditions = new ArrayList<>(scan.filters);
      // The scan column of each field of the level being looked at; null above a projection
      // that computes a field, where no filter may be.
      int @Nullable [] columns = IntStream.range(0, scan.getRowType().getFieldCount()).toArray();
      for (int level = above.size() - 1; level >= 0; level--) {
        RelNode rel = above.get(level);
        if (rel instanceof LogicalFilter filter) {
          if (columns == null) {
            return null;
          }
          conditions.addAll(RelOptUtil.conjunctions(onColumns(filter.getCondition(), columns)));
        } else if (columns != null) {
          columns = picked(((LogicalProject) rel).getProjects(), columns);
        }
      }
      return new Chain(above, conditions, scan);
    }

    /**
     * The projections and filters again, over {@code bottom} instead of the scan.
     *
     * @param fields the field each level is ordered by, as {@link #fieldsOf}; null if unordered
     */
    RelNode over(RelNode bottom, int @Nullable [] fields) {
      RelNode rel = bottom;
      for (int level = above.size() - 1; level >= 0; level--) {
        RelNode node = above.get(level);
        rel = node.copy(ordered(node.getTraitSet(), fields, level), List.of(rel));
      }
      return rel;
    }

    /** The traits, in ascending order of the field at {@code level} if there is one. */
    static RelTraitSet ordered(RelTraitSet traits, int @Nullable [] fields, int level) {
      return fields == null ? traits
          : traits.replace(RelCollations.of(new RelFieldCollation(fields[level])));
    }

    private static int @Nullable [] picked(List<RexNode> projects, int[] columns) {
      int[] picked = new int[projects.size()];
      for (int i = 0; i < picked.length; i++) {
        if (!(projects.get(i) instanceof RexInputRef ref)) {
          return null;
        }
        picked[i] = columns[ref.getIndex()];
      }
      return picked;
    }

    private static RexNode onColumns(RexNode condition, int[] columns) {
      return condition.accept(new RexShuttle() {
        @Override public RexNode visitInputRef(RexInputRef ref) {
          return new RexInputRef(columns[ref.getIndex()], ref.getType());
        }
      });
    }

    private static RelNode unwrap(RelNode rel) {
      if (rel instanceof RelSubset subset) {
        RelNode original = subset.getOriginal();
        return original == null ? subset : original;
      }
      return rel;
    }

    /**
     * The field {@code field} of the top is at each level down, the last being the scan's, or
     * null when a projection computes it.
     */
    int @Nullable [] fieldsOf(int field) {
      int[] fields = new int[above.size() + 1];
      for (int level = 0; level < above.size(); level++) {
        fields[level] = field;
        if (above.get(level) instanceof LogicalProject project) {
          if (!(project.getProjects().get(field) instanceof RexInputRef ref)) {
            return null;
          }
          field = ref.getIndex();
        }
      }
      fields[above.size()] = field;
      return fields;
    }
  }

  /** The Redis operators to the enumerable code that runs them. */
  static final class ToEnumerable extends ConverterRule {
    static final ToEnumerable INSTANCE = Config.INSTANCE
        .withConversion(RelNode.class, RedisRel.CONVENTION,
            EnumerableConvention.INSTANCE, "RedisRules.ToEnumerable")
        .withRuleFactory(ToEnumerable::new)
        .toRule(ToEnumerable.class);

    ToEnumerable(Config config) {
      super(config);
    }

    @Override public RelNode convert(RelNode rel) {
      return new RedisToEnumerableConverter(rel.getCluster(),
          rel.getTraitSet().replace(EnumerableConvention.INSTANCE), rel);
    }
  }
}
