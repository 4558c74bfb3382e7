package io.tiergate.planner.rules;

import io.tiergate.planner.QueryRefusedException;
import io.tiergate.planner.catalog.TieredTable;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalTableModify;

/**
 * Plans {@code INSERT INTO} a tiered table as an {@link EnumerableTieredInsert} (and refuses
 * UPDATE, DELETE and MERGE on it with a message saying why).
 */
public final class TieredInsertRule extends ConverterRule {
  public static final TieredInsertRule INSTANCE = new TieredInsertRule(Config.INSTANCE
      .withConversion(LogicalTableModify.class, TieredInsertRule::isTieredInsert,
          Convention.NONE, EnumerableConvention.INSTANCE, "TieredInsertRule")
      .withRuleFactory(TieredInsertRule::new));

  private TieredInsertRule(Config config) {
    super(config);
  }

  private static boolean isTieredInsert(LogicalTableModify modify) {
    return modify.getTable().unwrap(TieredTable.class) != null;
  }

  @Override public RelNode convert(RelNode rel) {
    LogicalTableModify modify = (LogicalTableModify) rel;
    TieredTable table = modify.getTable().unwrap(TieredTable.class);
    if (modify.getOperation() != TableModify.Operation.INSERT) {
      throw new QueryRefusedException(modify.getOperation() + " on tiered table '"
          + table.spec().name() + "' is not supported: rows enter with INSERT and leave by "
          + "the lifecycle's retention");
    }
    RelNode input = convert(modify.getInput(),
        modify.getInput().getTraitSet().replace(EnumerableConvention.INSTANCE));
    return new EnumerableTieredInsert(modify.getCluster(),
        modify.getTraitSet().replace(EnumerableConvention.INSTANCE), modify.getTable(),
        modify.getCatalogReader(), input, modify.isFlattened(), table.insert());
  }
}
