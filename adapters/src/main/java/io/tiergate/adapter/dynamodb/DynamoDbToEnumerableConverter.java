package io.tiergate.adapter.dynamodb;

import io.tiergate.planner.catalog.NativeRequestRel;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.function.Predicate1;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.ParameterExpression;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterImpl;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.rex.RexUtil;

/**
 * The one boundary back to Calcite's engine: generates
 * {@code table.query(root, query, row -> <filters>)}, the {@link DynamoDbQuery} being what the
 * DynamoDB operators below collected, and the filters compiled as Calcite compiles a Calc, so
 * rows that come back are exactly those the SQL selects.
 */
public final class DynamoDbToEnumerableConverter extends ConverterImpl
    implements EnumerableRel, NativeRequestRel {
  DynamoDbToEnumerableConverter(RelOptCluster cluster, RelTraitSet traits, RelNode input) {
    super(cluster, ConventionTraitDef.INSTANCE, traits, input);
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DynamoDbToEnumerableConverter(getCluster(), traitSet, sole(inputs));
  }

  /**
   * By the values it hands over, rows times columns: Calcite's costs ignore row width, and
   * without it reading every attribute would cost the same as reading the few needed.
   */
  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return super.computeSelfCost(planner, mq)
        .multiplyBy(0.1 * Math.max(1, getRowType().getFieldCount()));
  }

  @Override public String nativeRequest() {
    DynamoDbRel.Implementor dynamo = collect();
    return dynamo.table().nativeRequest(dynamo.query());
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    DynamoDbRel.Implementor dynamo = collect();
    DynamoDbQuery query = dynamo.query();
    JavaTypeFactory types = implementor.getTypeFactory();
    // An array a row; one column as its value (DynamoDbRows returns it so).
    PhysType physType = PhysTypeImpl.of(types, getRowType(), JavaRowFormat.ARRAY,
        getRowType().getFieldCount() != 0);
    BlockBuilder block = new BlockBuilder();
    Expression rows = block.append("rows", Expressions.call(
        implementor.stash(dynamo.table(), DynamoDbTable.class), "query",
        implementor.getRootExpression(), implementor.stash(query, DynamoDbQuery.class),
        filter(implementor, dynamo, types)));
    block.add(Expressions.return_(null, rows));
    return implementor.result(physType, block.toBlock());
  }

  private DynamoDbRel.Implementor collect() {
    DynamoDbRel.Implementor dynamo = new DynamoDbRel.Implementor();
    dynamo.visitChild(getInput());
    return dynamo;
  }

  /** {@code row -> <the filters>} over a row of all the table's columns, or null for none. */
  private Expression filter(EnumerableRelImplementor implementor, DynamoDbRel.Implementor dynamo,
      JavaTypeFactory types) {
    if (dynamo.filters.isEmpty()) {
      return Expressions.constant(null, Predicate1.class);
    }
    RelDataType tableRow = java.util.Objects.requireNonNull(dynamo.relOptTable).getRowType();
    RexProgramBuilder program = new RexProgramBuilder(tableRow, getCluster().getRexBuilder());
    program.addCondition(RexUtil.composeConjunction(getCluster().getRexBuilder(),
        dynamo.filters));
    ParameterExpression row = Expressions.parameter(Object[].class, "row");
    BlockBuilder body = new BlockBuilder();
    Expression condition = RexToLixTranslator.translateCondition(program.getProgram(), types,
        body, new RexToLixTranslator.InputGetterImpl(row,
            PhysTypeImpl.of(types, tableRow, JavaRowFormat.ARRAY, false)),
        implementor::getCorrelVariableGetter, implementor.getConformance());
    body.add(Expressions.return_(null, condition));
    return Expressions.lambda(Predicate1.class, body.toBlock(), row);
  }
}
