package io.tiergate.planner.rules;

import io.tiergate.planner.manifest.Tier;
import io.tiergate.planner.manifest.TimeSlice;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.util.BuiltInMethod;

/** The pruned branch at execution: an empty enumerable. */
public final class EnumerablePrunedBranch extends PrunedBranch implements EnumerableRel {
  static final ConverterRule RULE = ConverterRule.Config.INSTANCE
      .withConversion(LogicalPrunedBranch.class, Convention.NONE,
          EnumerableConvention.INSTANCE, "TierGuardRules.PrunedBranchToEnumerable")
      .withRuleFactory(ToEnumerable::new)
      .toRule(ToEnumerable.class);

  EnumerablePrunedBranch(RelOptCluster cluster, RelTraitSet traits, RelDataType rowType,
      Tier tier, TimeSlice slice) {
    super(cluster, traits, rowType, tier, slice);
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new EnumerablePrunedBranch(getCluster(), traitSet, getRowType(), tier(), slice());
  }

  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return planner.getCostFactory().makeTinyCost();
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        pref.preferCustom());
    return implementor.result(physType,
        Blocks.toBlock(Expressions.call(BuiltInMethod.EMPTY_ENUMERABLE.method)));
  }

  /** LogicalPrunedBranch to EnumerablePrunedBranch. */
  static final class ToEnumerable extends ConverterRule {
    ToEnumerable(Config config) {
      super(config);
    }

    @Override public RelNode convert(RelNode rel) {
      PrunedBranch branch = (PrunedBranch) rel;
      return new EnumerablePrunedBranch(branch.getCluster(),
          branch.getTraitSet().replace(EnumerableConvention.INSTANCE), branch.getRowType(),
          branch.tier(), branch.slice());
    }
  }
}
