package io.tiergate.adapter.dynamodb;

import java.util.List;
import java.util.Set;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.metadata.CyclicMetadataException;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexTableInputRef.RelTableRef;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mappings;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a DynamoDB scan takes over from the gateway, decided in one place:
 * <ul>
 *   <li>a filter, whole (the reader applies it), unless a LIMIT is below it;
 *   <li>the columns a projection references (expressions stay above);
 *   <li>a LIMIT (with OFFSET) when no order is asked for, or ascending time order and a
 *   partition key equality, for which DynamoDB's Query yields items in sort-key order. A LIMIT
 *   under another order, or over rows a filter above has yet to cut, stays in the gateway.
 * </ul>
 */
public final class DynamoDbRules {
  private DynamoDbRules() {
  }

  static void register(RelOptPlanner planner) {
    planner.addRule(FilterRule.INSTANCE);
    planner.addRule(ProjectRule.INSTANCE);
    planner.addRule(LimitRule.INSTANCE);
    planner.addRule(AggregateInputRule.INSTANCE);
    planner.addRule(ToEnumerable.INSTANCE);
  }

  /**
   * The input of a logical operator in the DynamoDB convention, when it reads one DynamoDB table
   * and nothing else; null otherwise. (Volcano matches an operand only among the rels of the
   * input's own convention, so the rules ask for the DynamoDB subset rather than match it.)
   */
  private static @Nullable RelNode dynamoDbInput(RelOptRuleCall call, RelNode input) {
    Set<RelTableRef> tables;
    try {
      tables = call.getMetadataQuery().getTableReferences(input);
    } catch (CyclicMetadataException e) {
      // The input's set holds this very operator (a union that pruned to one branch becomes
      // that branch's set): its tables are those of the set's other rels, which match too.
      // Calcite's own row count skips such a rel the same way.
      return null;
    }
    if (tables == null || tables.size() != 1
        || tables.iterator().next().getTable().unwrap(DynamoDbTable.class) == null) {
      return null;
    }
    return RelOptRule.convert(input, input.getTraitSet().replace(DynamoDbRel.CONVENTION));
  }

  /**
   * The {@code used} columns of the input, as a DynamoDbProject. It has no collation: with
   * fewer columns than the input, the input's collation may name a column it has not.
   */
  private static DynamoDbProject narrowed(RelNode input, ImmutableBitSet used) {
    List<RexNode> columns = used.asList().stream()
        .<RexNode>map(i -> RexInputRef.of(i, input.getRowType())).toList();
    return new DynamoDbProject(input.getCluster(),
        input.getCluster().traitSetOf(DynamoDbRel.CONVENTION), input, columns,
        RexUtil.createStructType(input.getCluster().getTypeFactory(), columns, null, null));
  }

  /** From the input's fields to those of {@link #narrowed}. */
  private static Mappings.TargetMapping narrowing(RelNode input, ImmutableBitSet used) {
    return Mappings.target(used::indexOf, input.getRowType().getFieldCount(),
        used.cardinality());
  }

  /** Whether the input's rows are already cut to a number (a LIMIT): nothing may go under it. */
  private static boolean isLimited(RelOptRuleCall call, RelNode input) {
    Double max = call.getMetadataQuery().getMaxRowCount(input);
    return max != null && !max.isInfinite();
  }

  /** Filter to DynamoDbFilter, whole. */
  static final class FilterRule extends RelOptRule {
    static final FilterRule INSTANCE = new FilterRule();

    FilterRule() {
      super(operand(LogicalFilter.class, any()), "DynamoDbRules.Filter");
    }

    @Override public void onMatch(RelOptRuleCall call) {
      LogicalFilter filter = call.rel(0);
      RexNode condition = filter.getCondition();
      if (RexUtil.containsCorrelation(condition) || RexOver.containsOver(condition)
          || RexUtil.SubQueryFinder.containsSubQuery(filter)
          || isLimited(call, filter.getInput())) {
        return;
      }
      RelNode input = dynamoDbInput(call, filter.getInput());
      if (input == null) {
        return;
      }
      call.transformTo(new DynamoDbFilter(filter.getCluster(),
          filter.getTraitSet().replace(DynamoDbRel.CONVENTION), input, condition));
    }
  }

  /**
   * Project to DynamoDbProject when it only picks columns; else the columns it uses are read
   * by a DynamoDbProject and its expressions computed above.
   */
  static final class ProjectRule extends RelOptRule {
    static final ProjectRule INSTANCE = new ProjectRule();

    ProjectRule() {
      super(operand(LogicalProject.class, any()), "DynamoDbRules.Project");
    }

    @Override public void onMatch(RelOptRuleCall call) {
      LogicalProject project = call.rel(0);
      RelNode input = dynamoDbInput(call, project.getInput());
      if (input == null) {
        return;
      }
      List<RexNode> projects = project.getProjects();
      if (projects.stream().allMatch(RexInputRef.class::isInstance)) {
        call.transformTo(new DynamoDbProject(project.getCluster(),
            project.getTraitSet().replace(DynamoDbRel.CONVENTION), input, projects,
            project.getRowType()));
        return;
      }
      ImmutableBitSet used = RelOptUtil.InputFinder.bits(projects, null);
      if (used.isEmpty() || used.cardinality() == input.getRowType().getFieldCount()
          || projects.stream().anyMatch(p -> RexUtil.containsCorrelation(p)
              || RexOver.containsOver(p))) {
        return; // nothing to narrow (and nothing that loops: the narrowed input uses all)
      }
      call.transformTo(project.copy(project.getTraitSet(), narrowed(input, used),
          RexUtil.apply(narrowing(input, used), projects), project.getRowType()));
    }
  }

  /**
   * Aggregate(x) to Aggregate(DynamoDbProject(the columns it uses)): an aggregate over the scan
   * reads only those (for COUNT(*), only the filters' columns).
   */
  static final class AggregateInputRule extends RelOptRule {
    static final AggregateInputRule INSTANCE = new AggregateInputRule();

    AggregateInputRule() {
      super(operand(LogicalAggregate.class, any()), "DynamoDbRules.AggregateInput");
    }

    @Override public void onMatch(RelOptRuleCall call) {
      LogicalAggregate aggregate = call.rel(0);
      RelNode input = dynamoDbInput(call, aggregate.getInput());
      if (input == null || aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
        return;
      }
      ImmutableBitSet.Builder usedBuilder = aggregate.getGroupSet().rebuild();
      for (AggregateCall agg : aggregate.getAggCallList()) {
        usedBuilder.addAll(agg.getArgList());
        if (agg.filterArg >= 0) {
          usedBuilder.set(agg.filterArg);
        }
        agg.collation.getFieldCollations().forEach(f -> usedBuilder.set(f.getFieldIndex()));
      }
      ImmutableBitSet used = usedBuilder.build();
      if (used.isEmpty()) {
        // An empty row type is not a row Calcite handles well: keep a column that is read
        // anyway, one a filter below tests, else the first.
        RelNode below = ColumnOrigin.unwrap(aggregate.getInput());
        ImmutableBitSet tested = below instanceof Filter f
            ? RelOptUtil.InputFinder.bits(f.getCondition()) : ImmutableBitSet.of();
        used = ImmutableBitSet.of(tested.isEmpty() ? 0 : tested.nth(0));
      }
      int width = input.getRowType().getFieldCount();
      if (used.cardinality() == width) {
        return;
      }
      Mappings.TargetMapping mapping = narrowing(input, used);
      ImmutableBitSet groupSet = ImmutableBitSet.of(aggregate.getGroupSet().asList().stream()
          .map(used::indexOf).toList());
      call.transformTo(aggregate.copy(aggregate.getTraitSet(), narrowed(input, used), groupSet,
          null,
          aggregate.getAggCallList().stream().map(a -> a.transform(mapping)).toList()));
    }
  }

  /** Sort with FETCH to DynamoDbLimit, when the order asked for is none or one DynamoDB yields. */
  static final class LimitRule extends RelOptRule {
    static final LimitRule INSTANCE = new LimitRule();

    LimitRule() {
      super(operand(LogicalSort.class, any()), "DynamoDbRules.Limit");
    }

    @Override public void onMatch(RelOptRuleCall call) {
      LogicalSort sort = call.rel(0);
      if (!(sort.fetch instanceof RexLiteral)
          || sort.offset != null && !(sort.offset instanceof RexLiteral)
          || isLimited(call, sort.getInput())) {
        return; // no FETCH, or FETCH ? known only at execution, or a LIMIT of a LIMIT
      }
      RelNode input = dynamoDbInput(call, sort.getInput());
      if (input == null) {
        return;
      }
      RelCollation collation = sort.getCollation();
      boolean timeOrdered = !collation.getFieldCollations().isEmpty();
      if (timeOrdered && !isOnePartitionInTimeOrder(sort.getInput(), collation)) {
        return;
      }
      int fetch = RexLiteral.intValue(sort.fetch);
      int offset = sort.offset == null ? 0 : RexLiteral.intValue(sort.offset);
      call.transformTo(new DynamoDbLimit(sort.getCluster(),
          sort.getTraitSet().replace(DynamoDbRel.CONVENTION), input, offset, fetch,
          timeOrdered));
    }

    /**
     * Whether the order is the time column ascending and a filter fixes the partition key: a
     * Query of one partition then returns items in that order. (When execution picks another
     * path, BatchGetItem for full keys, the reader sorts the few rows it got.)
     */
    private static boolean isOnePartitionInTimeOrder(RelNode input, RelCollation collation) {
      if (collation.getFieldCollations().size() != 1) {
        return false;
      }
      RelFieldCollation field = collation.getFieldCollations().get(0);
      if (field.direction != RelFieldCollation.Direction.ASCENDING) {
        return false;
      }
      ColumnOrigin time = ColumnOrigin.of(input, field.getFieldIndex());
      return time != null && time.is(time.layout().timeColumn())
          && fixesPartition(input, time.layout());
    }

    private static boolean isColumn(RelNode rel, int field, String name) {
      ColumnOrigin origin = ColumnOrigin.of(rel, field);
      return origin != null && origin.is(name);
    }

    /** Whether a filter in the chain below says partition key = a literal or parameter. */
    private static boolean fixesPartition(RelNode rel, DynamoDbTableLayout layout) {
      RelNode node = ColumnOrigin.unwrap(rel);
      if (node instanceof Filter filter) {
        for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
          if (conjunct.getKind() == SqlKind.EQUALS && conjunct instanceof RexCall call
              && call.getOperands().stream().anyMatch(o -> o instanceof RexInputRef ref
                  && isColumn(filter.getInput(), ref.getIndex(), layout.partitionKey()))
              && call.getOperands().stream().anyMatch(o -> o instanceof RexLiteral
                  || o instanceof RexDynamicParam)) {
            return true;
          }
        }
      }
      return node.getInputs().size() == 1 && (node instanceof Filter || node instanceof Project
          || node instanceof DynamoDbLimit) && fixesPartition(node.getInput(0), layout);
    }
  }

  /**
   * The DynamoDB table column a field comes from, followed down through projections of fields,
   * filters and limits. (Calcite's column-origin metadata does not look into a Volcano subset.)
   */
  record ColumnOrigin(DynamoDbTableLayout layout, int column) {
    static @Nullable ColumnOrigin of(RelNode rel, int field) {
      RelNode node = unwrap(rel);
      if (node instanceof TableScan scan) {
        DynamoDbTable table = scan.getTable().unwrap(DynamoDbTable.class);
        return table == null ? null : new ColumnOrigin(table.layout(), field);
      }
      if (node instanceof Project project) {
        return project.getProjects().get(field) instanceof RexInputRef ref
            ? of(project.getInput(), ref.getIndex()) : null;
      }
      if (node instanceof Filter || node instanceof DynamoDbLimit) {
        return of(node.getInput(0), field);
      }
      return null;
    }

    /** The rel a subset was made from, or the rel itself. */
    static RelNode unwrap(RelNode rel) {
      if (rel instanceof RelSubset subset) {
        RelNode original = subset.getOriginal();
        return original == null ? subset : original;
      }
      return rel;
    }

    boolean is(String name) {
      return layout.columns().get(column).name().equals(name);
    }
  }

  /** The DynamoDB operators to the enumerable code that runs them. */
  static final class ToEnumerable extends ConverterRule {
    static final ToEnumerable INSTANCE = Config.INSTANCE
        .withConversion(RelNode.class, DynamoDbRel.CONVENTION,
            EnumerableConvention.INSTANCE, "DynamoDbRules.ToEnumerable")
        .withRuleFactory(ToEnumerable::new)
        .toRule(ToEnumerable.class);

    ToEnumerable(Config config) {
      super(config);
    }

    @Override public RelNode convert(RelNode rel) {
      return new DynamoDbToEnumerableConverter(rel.getCluster(),
          rel.getTraitSet().replace(EnumerableConvention.INSTANCE), rel);
    }
  }
}
