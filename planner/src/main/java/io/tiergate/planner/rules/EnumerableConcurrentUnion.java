package io.tiergate.planner.rules;

import io.tiergate.planner.cost.BranchCost;
import io.tiergate.planner.cost.CostEstimate;
import io.tiergate.planner.cost.QueryCosting;
import io.tiergate.planner.exec.ConcurrentBranches;
import io.tiergate.planner.manifest.Tier;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.EnumerableUnion;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.function.Function0;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.sql.SqlExplainLevel;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * UNION ALL that reads all its inputs at once ({@link ConcurrentBranches}): a tiered scan's
 * branches wait on different stores, so they should wait together. Planned instead of Calcite's
 * sequential union for every UNION ALL, by being a little cheaper.
 */
public final class EnumerableConcurrentUnion extends EnumerableUnion {
  static final ConverterRule RULE = ConverterRule.Config.INSTANCE
      .withConversion(LogicalUnion.class, u -> u.all, org.apache.calcite.plan.Convention.NONE,
          EnumerableConvention.INSTANCE, "TierGuardRules.ConcurrentUnion")
      .withRuleFactory(ToConcurrentUnion::new)
      .toRule(ToConcurrentUnion.class);

  EnumerableConcurrentUnion(RelOptCluster cluster, RelTraitSet traits, List<RelNode> inputs) {
    super(cluster, traits, inputs, true);
  }

  @Override public EnumerableConcurrentUnion copy(RelTraitSet traitSet, List<RelNode> inputs,
      boolean all) {
    return new EnumerableConcurrentUnion(getCluster(), traitSet, inputs);
  }

  @Override public @Nullable RelOptCost computeSelfCost(RelOptPlanner planner,
      RelMetadataQuery mq) {
    RelOptCost cost = super.computeSelfCost(planner, mq);
    return cost == null ? null : cost.multiplyBy(0.9);
  }

  /** Also the estimated cost of the tier branches below, summed (see {@link QueryCosting}). */
  @Override public RelWriter explainTerms(RelWriter pw) {
    boolean estimates = pw.getDetailLevel() != SqlExplainLevel.DIGEST_ATTRIBUTES
        && getInputs().stream().noneMatch(input -> input instanceof RelSubset);
    CostEstimate cost = estimates ? QueryCosting.estimate(this) : CostEstimate.NONE;
    return super.explainTerms(pw).itemIf("total_cost_usd", BranchCost.usd(cost.totalUsd()),
        !cost.branches().isEmpty());
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder builder = new BlockBuilder();
    // One reader per store: consecutive branches of the same tier (a cold tier cut at its
    // archived runs) are read in sequence by one reader, so the store sees one query at a time.
    List<List<Expression>> readers = new ArrayList<>();
    Tier lastTier = null;
    for (int i = 0; i < getInputs().size(); i++) {
      if (getInput(i) instanceof EnumerablePrunedBranch) {
        continue; // no row, so no reader
      }
      Result child = implementor.visitChild(this, i, (EnumerableRel) getInput(i), pref);
      // Deferred: a branch's block may compute eagerly (a global aggregate does), and it must
      // do so on its reader thread, next to the others, not here one after another.
      Expression branch = Expressions.lambda(Function0.class, child.block);
      if (isGuardedBranch(getInput(i), child)) {
        // Making it runs nothing: the union may ask its guard before starting a reader.
        branch = Expressions.call(Types.lookupMethod(ConcurrentBranches.class, "guarded",
            Function0.class), branch);
      }
      Tier tier = getInput(i) instanceof TierGuard guard ? guard.tier() : null;
      if (tier != null && tier == lastTier) {
        readers.get(readers.size() - 1).add(branch);
      } else {
        readers.add(new ArrayList<>(List.of(branch)));
      }
      lastTier = tier;
    }
    List<Expression> children = new ArrayList<>();
    for (List<Expression> reader : readers) {
      children.add(reader.size() == 1 ? reader.get(0) : Expressions.call(
          Types.lookupMethod(ConcurrentBranches.class, "inSequence", Function0[].class),
          Expressions.newArrayInit(Function0.class, reader)));
    }
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        pref.prefer(JavaRowFormat.CUSTOM));
    builder.add(Expressions.call(
        Types.lookupMethod(ConcurrentBranches.class, "of", Function0[].class),
        Expressions.newArrayInit(Function0.class, children)));
    return implementor.result(physType, builder.toBlock());
  }

  /**
   * Whether an input's code only makes a {@link io.tiergate.planner.exec.GuardedBranch}, maybe
   * under projections and filters (EnumerableCalc's code makes its input, then wraps it lazily).
   */
  private static boolean isGuardedBranch(RelNode input, Result code) {
    if (input instanceof EnumerableTierGuard guard) {
      return guard.makesGuardedBranch(code.physType.getFormat());
    }
    RelNode below = input;
    while (below instanceof EnumerableCalc calc) {
      below = calc.getInput();
    }
    return below != input && below instanceof EnumerableTierGuard guard
        && guard.alwaysMakesGuardedBranch();
  }

  /** LogicalUnion ALL to EnumerableConcurrentUnion. */
  static final class ToConcurrentUnion extends ConverterRule {
    ToConcurrentUnion(Config config) {
      super(config);
    }

    @Override public RelNode convert(RelNode rel) {
      Union union = (Union) rel;
      RelTraitSet traits = union.getTraitSet().replace(EnumerableConvention.INSTANCE);
      List<RelNode> inputs = new ArrayList<>();
      for (RelNode input : union.getInputs()) {
        inputs.add(convert(input, input.getTraitSet().replace(EnumerableConvention.INSTANCE)));
      }
      return new EnumerableConcurrentUnion(union.getCluster(), traits, inputs);
    }
  }
}
