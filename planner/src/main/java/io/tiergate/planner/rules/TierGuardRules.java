package io.tiergate.planner.rules;

import com.google.common.collect.ImmutableList;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.rules.SortUnionTransposeRule;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The rules that split work across tiers. Standard Calcite rules push filters, projections,
 * aggregates (as partials) and sorts with limits into each branch of a tiered scan's UNION ALL;
 * the rules here move each branch's {@link TierGuard} up so that the work lands below it (and so
 * in the store), capture the branch's time condition into the guard, and remove at plan time a
 * branch whose time condition cannot meet its slice.
 */
public final class TierGuardRules {
  /**
   * Calcite's rule matches any Sort over any Union, and copying a store's own sort (a JdbcSort)
   * onto a branch of another convention builds an invalid plan; only logical sorts are split.
   */
  private static final RelOptRule LOGICAL_SORT_UNION_TRANSPOSE =
      SortUnionTransposeRule.Config.DEFAULT.withOperandFor(LogicalSort.class, LogicalUnion.class)
          .withDescription("TierGuardRules.SortUnionTranspose").toRule();

  private TierGuardRules() {
  }

  /** Registers everything a plan with tiered scans needs. */
  public static void register(RelOptPlanner planner) {
    planner.addRule(CoreRules.FILTER_SET_OP_TRANSPOSE);
    planner.addRule(CoreRules.PROJECT_SET_OP_TRANSPOSE);
    planner.addRule(CoreRules.AGGREGATE_UNION_TRANSPOSE);
    // Only a top-N is worth pushing into branches: a plain ORDER BY is merged above anyway,
    // and pushing it let Sort/guard transposes feed each other without end.
    planner.removeRule(CoreRules.SORT_UNION_TRANSPOSE);
    planner.addRule(LOGICAL_SORT_UNION_TRANSPOSE);
    planner.addRule(CoreRules.FILTER_MERGE);
    planner.addRule(CoreRules.FILTER_PROJECT_TRANSPOSE);
    planner.addRule(FilterIntoGuard.INSTANCE);
    planner.addRule(ProjectGuardTranspose.INSTANCE);
    planner.addRule(AggregateGuardTranspose.INSTANCE);
    planner.addRule(SortGuardTranspose.INSTANCE);
    planner.addRule(PruneRuledOutBranches.INSTANCE);
    planner.addRule(EnumerablePrunedBranch.RULE);
    planner.addRule(ToEnumerable.INSTANCE);
    planner.addRule(EnumerableConcurrentUnion.RULE);
  }

  /** Filter(Guard(x)) to Guard'(Filter(x)), the guard keeping the filter's time-only parts. */
  static final class FilterIntoGuard extends RelOptRule {
    static final FilterIntoGuard INSTANCE = new FilterIntoGuard();

    FilterIntoGuard() {
      super(operand(Filter.class, operand(LogicalTierGuard.class, any())),
          "TierGuardRules.FilterIntoGuard");
    }

    @Override public void onMatch(RelOptRuleCall call) {
      Filter filter = call.rel(0);
      TierGuard guard = call.rel(1);
      if (guard.emptyRow() != null) {
        return; // a HAVING-like filter over a global aggregate must see the row it filters
      }
      RexNode condition = guard.timeCondition();
      if (guard.timeIndex() >= 0) {
        RexBuilder rex = filter.getCluster().getRexBuilder();
        // A set: Volcano fires this again on equivalent filters, and a condition that grew
        // with each firing would make new guards without end.
        Set<RexNode> timeOnly = new LinkedHashSet<>();
        if (condition != null) {
          timeOnly.addAll(RelOptUtil.conjunctions(condition));
        }
        for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
          ImmutableBitSet refs = RelOptUtil.InputFinder.bits(conjunct);
          if (refs.equals(ImmutableBitSet.of(guard.timeIndex()))) {
            timeOnly.add(conjunct.accept(new TimeToZero(guard.timeIndex(), rex)));
          }
        }
        condition = timeOnly.isEmpty() ? null : RexUtil.composeConjunction(rex, timeOnly);
      }
      RelNode newFilter = filter.copy(filter.getTraitSet(), guard.getInput(),
          filter.getCondition());
      call.transformTo(guard.copy(newFilter, guard.timeIndex(), condition, null));
    }
  }

  /** Project(Guard(x)) to Guard(Project(x)), following the time column. */
  static final class ProjectGuardTranspose extends RelOptRule {
    static final ProjectGuardTranspose INSTANCE = new ProjectGuardTranspose();

    ProjectGuardTranspose() {
      super(operand(Project.class, operand(LogicalTierGuard.class, any())),
          "TierGuardRules.ProjectGuardTranspose");
    }

    @Override public void onMatch(RelOptRuleCall call) {
      Project project = call.rel(0);
      TierGuard guard = call.rel(1);
      if (guard.emptyRow() != null) {
        return;
      }
      int timeIndex = -1;
      List<RexNode> projects = project.getProjects();
      for (int i = 0; i < projects.size() && guard.timeIndex() >= 0; i++) {
        if (projects.get(i) instanceof RexInputRef ref && ref.getIndex() == guard.timeIndex()) {
          timeIndex = i;
          break;
        }
      }
      RelNode newProject = project.copy(project.getTraitSet(), guard.getInput(), projects,
          project.getRowType());
      call.transformTo(guard.copy(newProject, timeIndex, guard.timeCondition(), null));
    }
  }

  /**
   * Aggregate(Guard(x)) to Guard(Aggregate(x)). A global aggregate (no GROUP BY) of a pruned
   * branch still yields one row (COUNT 0, SUM NULL), which the guard then returns itself.
   */
  static final class AggregateGuardTranspose extends RelOptRule {
    static final AggregateGuardTranspose INSTANCE = new AggregateGuardTranspose();

    AggregateGuardTranspose() {
      super(operand(Aggregate.class, operand(LogicalTierGuard.class, any())),
          "TierGuardRules.AggregateGuardTranspose");
    }

    @Override public void onMatch(RelOptRuleCall call) {
      Aggregate aggregate = call.rel(0);
      TierGuard guard = call.rel(1);
      if (guard.emptyRow() != null || aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
        return;
      }
      List<Object> emptyRow = null;
      if (aggregate.getGroupSet().isEmpty()) {
        emptyRow = new ArrayList<>();
        for (AggregateCall agg : aggregate.getAggCallList()) {
          SqlKind kind = agg.getAggregation().getKind();
          emptyRow.add(kind == SqlKind.COUNT ? (Object) 0L
              : kind == SqlKind.SUM0 ? zero(agg.getType()) : null);
        }
      }
      int timeIndex = guard.timeIndex() >= 0 && aggregate.getGroupSet().get(guard.timeIndex())
          ? aggregate.getGroupSet().indexOf(guard.timeIndex()) : -1;
      RelNode newAggregate = aggregate.copy(aggregate.getTraitSet(),
          ImmutableList.of(guard.getInput()));
      call.transformTo(guard.copy(newAggregate, timeIndex, guard.timeCondition(), emptyRow));
    }

    private static Object zero(RelDataType type) {
      return switch (type.getSqlTypeName()) {
        case BIGINT -> 0L;
        case INTEGER -> 0;
        case DOUBLE, FLOAT, REAL -> 0d;
        case DECIMAL -> BigDecimal.ZERO;
        default -> null;
      };
    }
  }

  /** Sort(Guard(x)) to Guard(Sort(x)): a per-branch top-N runs in the store. */
  static final class SortGuardTranspose extends RelOptRule {
    static final SortGuardTranspose INSTANCE = new SortGuardTranspose();

    SortGuardTranspose() {
      super(operand(Sort.class, operand(LogicalTierGuard.class, any())),
          "TierGuardRules.SortGuardTranspose");
    }

    @Override public void onMatch(RelOptRuleCall call) {
      Sort sort = call.rel(0);
      TierGuard guard = call.rel(1);
      if (guard.emptyRow() != null || sort.fetch == null) {
        return;
      }
      // Below the guard already sits this top-N (or a smaller one): pushing it again would
      // stack sorts on sorts, which Volcano, sort-union transposes helping, explores without end.
      if (RelMdUtil.checkInputForCollationAndLimit(call.getMetadataQuery(), guard.getInput(),
          sort.getCollation(), sort.offset, sort.fetch)) {
        return;
      }
      RelNode newSort = sort.copy(sort.getTraitSet(), guard.getInput(), sort.getCollation(),
          sort.offset, sort.fetch);
      call.transformTo(guard.copy(newSort, guard.timeIndex(), guard.timeCondition(), null));
    }
  }

  /**
   * A union's branches whose guard rules them out at plan time (a time condition known without
   * bind values that cannot meet the guard's slice): a branch that would return no row is left
   * out, one that would return the row of a global aggregate of nothing (the guard's empty row)
   * is that row. Where one branch is left, it replaces the union; where none would be, {@link
   * PrunedBranch}es stand for branches left out, since a union has two inputs at least.
   *
   * <p>Decided here, at the union, and never by making the guard's own set empty: an empty
   * VALUES is one rel per row type, so registering it as the guard merges the guard's set with
   * every other empty set of that type, first of all the one right below the guard, whose
   * filter Calcite reduces to FALSE once the time range meets the slice predicate there. The
   * guard then reads its own set; every operator copied above and below it (X over the guard,
   * the guard over X) folds into the sets below, and among the sets those merges join, some are
   * left with original rels that read each other. Volcano, propagating costs as it merges, asks a
   * row count around such a loop and fails with CyclicMetadataException (issue 19). A union
   * without the branch is only one more rel in the union's set: no set merges.
   */
  static final class PruneRuledOutBranches extends RelOptRule {
    static final PruneRuledOutBranches INSTANCE = new PruneRuledOutBranches();

    PruneRuledOutBranches() {
      super(operand(LogicalUnion.class, unordered(operandJ(LogicalTierGuard.class, null,
          TierGuardRules::rulesOutItsSlice, any()))), "TierGuardRules.PruneRuledOutBranches");
    }

    @Override public void onMatch(RelOptRuleCall call) {
      LogicalUnion union = call.rel(0);
      List<RelNode> kept = new ArrayList<>();
      List<TierGuard> leftOut = new ArrayList<>();
      for (RelNode input : union.getInputs()) {
        TierGuard guard = ruledOutGuard(input);
        if (guard == null) {
          kept.add(input);
        } else if (guard.emptyRow() != null) {
          kept.add(emptyAggregateRow(guard, call.builder()));
        } else {
          leftOut.add(guard);
        }
      }
      if (leftOut.isEmpty() && kept.equals(union.getInputs())) {
        return;
      }
      RelNode pruned;
      if (kept.size() == 1 && union.all) {
        // One branch left is the whole answer: the union's set and the branch's set become one,
        // as Calcite's own PruneEmptyRules does, so that work above (a top-N, an aggregate)
        // reaches the surviving store directly instead of stopping at a union.
        pruned = kept.get(0);
      } else {
        for (int i = 0; kept.size() < 2; i++) {
          kept.add(LogicalPrunedBranch.of(leftOut.get(i)));
        }
        pruned = union.copy(union.getTraitSet(), kept, union.all);
      }
      call.transformTo(pruned.getRowType().equals(union.getRowType()) ? pruned
          : RelOptUtil.createCastRel(pruned, union.getRowType(), true));
    }

    /** The guard that rules out the branch {@code input} (a subset), or null. */
    private static @Nullable TierGuard ruledOutGuard(RelNode input) {
      List<RelNode> rels = input instanceof RelSubset subset ? subset.getRelList()
          : List.of(input);
      for (RelNode rel : rels) {
        if (rel instanceof LogicalTierGuard guard && rulesOutItsSlice(guard)) {
          return guard;
        }
      }
      return null;
    }

    /** The one row a guard over a global aggregate returns when it prunes its branch. */
    private static RelNode emptyAggregateRow(TierGuard guard, RelBuilder builder) {
      RelDataType rowType = guard.getRowType();
      RexBuilder rex = guard.getCluster().getRexBuilder();
      List<RexLiteral> row = new ArrayList<>();
      for (int i = 0; i < rowType.getFieldCount(); i++) {
        Object value = guard.emptyRow().get(i);
        RelDataType type = rowType.getFieldList().get(i).getType();
        row.add(value == null ? rex.makeNullLiteral(type)
            : (RexLiteral) rex.makeLiteral(value, type, false));
      }
      return builder.values(ImmutableList.of(row), rowType).build();
    }
  }

  /** Whether a guard's time condition, known at plan time, cannot meet its slice. */
  static boolean rulesOutItsSlice(TierGuard guard) {
    return guard.timeCondition() != null
        && !TierBranchGuard.mayMeet(guard.timeCondition(), guard.slice(), null);
  }

  /** LogicalTierGuard to EnumerableTierGuard. */
  static final class ToEnumerable extends ConverterRule {
    static final ToEnumerable INSTANCE = Config.INSTANCE
        .withConversion(LogicalTierGuard.class, Convention.NONE,
            EnumerableConvention.INSTANCE, "TierGuardRules.ToEnumerable")
        .withRuleFactory(ToEnumerable::new)
        .toRule(ToEnumerable.class);

    ToEnumerable(Config config) {
      super(config);
    }

    @Override public RelNode convert(RelNode rel) {
      TierGuard guard = (TierGuard) rel;
      RelNode input = convert(guard.getInput(),
          guard.getInput().getTraitSet().replace(EnumerableConvention.INSTANCE));
      return new EnumerableTierGuard(guard.getCluster(),
          guard.getTraitSet().replace(EnumerableConvention.INSTANCE), input, guard.table(),
          guard.tier(), guard.slice(), guard.timeIndex(), guard.timeCondition(), guard.emptyRow(),
          guard.archive());
    }
  }

  /** Rewrites references to the time column as {@code $0} of a one-column row. */
  private static final class TimeToZero extends RexShuttle {
    private final int timeIndex;
    private final RexBuilder rex;

    TimeToZero(int timeIndex, RexBuilder rex) {
      this.timeIndex = timeIndex;
      this.rex = rex;
    }

    @Override public RexNode visitInputRef(RexInputRef ref) {
      return ref.getIndex() == timeIndex ? rex.makeInputRef(ref.getType(), 0) : ref;
    }
  }
}
