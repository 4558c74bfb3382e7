package io.tiergate.planner.rules;

import io.tiergate.planner.catalog.TieredInsert;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;

/**
 * {@code INSERT INTO} a tiered table: the rows of the input go to {@link TieredInsert}, which
 * checks them against the manifest and writes them to the hot store; returns the row count.
 */
public final class EnumerableTieredInsert extends TableModify implements EnumerableRel {
  private final TieredInsert insert;

  EnumerableTieredInsert(RelOptCluster cluster, RelTraitSet traits, RelOptTable table,
      Prepare.CatalogReader catalogReader, RelNode input, boolean flattened,
      TieredInsert insert) {
    super(cluster, traits, table, catalogReader, input, Operation.INSERT, null, null, flattened);
    this.insert = insert;
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new EnumerableTieredInsert(getCluster(), traitSet, getTable(), getCatalogReader(),
        sole(inputs), isFlattened(), insert);
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
    BlockBuilder body = new BlockBuilder();
    Expression rows = body.append("rows", input.block);
    if (input.physType.getFormat() != JavaRowFormat.ARRAY) {
      rows = body.append("arrays", input.physType.convertTo(rows, JavaRowFormat.ARRAY));
    }
    Expression count = Expressions.call(implementor.stash(insert, TieredInsert.class), "insert",
        Expressions.convert_(rows, Enumerable.class));
    body.add(Expressions.return_(null, Expressions.call(Linq4j.class, "singletonEnumerable",
        Expressions.box(count))));
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        JavaRowFormat.SCALAR);
    return implementor.result(physType, body.toBlock());
  }
}
