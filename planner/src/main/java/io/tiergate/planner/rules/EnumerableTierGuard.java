package io.tiergate.planner.rules;

import io.tiergate.planner.catalog.NativeRequestRel;
import io.tiergate.planner.cost.BranchCost;
import io.tiergate.planner.catalog.NativeRequestTable;
import io.tiergate.planner.exec.GuardedBranch;
import io.tiergate.planner.manifest.Tier;
import io.tiergate.planner.manifest.TimeSlice;
import java.lang.reflect.Modifier;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcImplementor;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverter;
import org.apache.calcite.interpreter.Bindables;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.function.Function0;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.util.BuiltInMethod;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The guard at execution: {@code guard.allows(root) ? input : guard.pruned()}. Enumerables are
 * lazy (a JDBC or DynamoDB request is sent when the first row is asked for), so choosing the
 * pruned side sends nothing to the store.
 */
public final class EnumerableTierGuard extends TierGuard implements EnumerableRel {
  EnumerableTierGuard(RelOptCluster cluster, RelTraitSet traits, RelNode input, String table,
      Tier tier, TimeSlice slice, int timeIndex, @Nullable RexNode timeCondition,
      @Nullable List<Object> emptyRow, @Nullable ArchiveCheck archive) {
    super(cluster, traits, input, table, tier, slice, timeIndex, timeCondition, emptyRow,
        archive);
  }

  @Override public TierGuard copy(RelNode input, int timeIndex,
      @Nullable RexNode timeCondition, @Nullable List<Object> emptyRow) {
    return new EnumerableTierGuard(getCluster(), traitSet, input, table, tier, slice,
        timeIndex, timeCondition, emptyRow, archive);
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new EnumerableTierGuard(getCluster(), traitSet, sole(inputs), table, tier, slice,
        timeIndex, timeCondition, emptyRow, archive);
  }

  /** Also shows the statement a SQL store will receive for this branch. */
  @Override public RelWriter explainTerms(RelWriter pw) {
    // Estimates are for EXPLAIN only: in a digest they would make equal plans differ.
    boolean estimates = pw.getDetailLevel() != SqlExplainLevel.DIGEST_ATTRIBUTES
        && !(getInput() instanceof RelSubset);
    RelMetadataQuery mq = getCluster().getMetadataQuery();
    Double rows = estimates ? mq.getRowCount(getInput()) : null;
    Double rowBytes = estimates ? mq.getAverageRowSize(getInput()) : null;
    String request = nativeRequest(getInput());
    BranchCost cost = estimates ? estimatedCost() : null;
    return super.explainTerms(pw).itemIf("sql", nativeSql(), nativeSql() != null)
        .itemIf("request", request, request != null)
        .itemIf("estimatedRows", rows == null ? null : Math.round(rows), rows != null)
        .itemIf("estimatedBytes", rows == null || rowBytes == null ? null
            : Math.round(rows * rowBytes), rows != null && rowBytes != null)
        .itemIf("cost_usd", cost == null ? null : BranchCost.usd(cost.usd()), cost != null)
        .itemIf("cost_basis", cost == null ? null : cost.store() + " " + cost.basis(),
            cost != null);
  }

  /** The request of a store with its own API (not SQL), from the first table scan below. */
  private static @Nullable String nativeRequest(RelNode rel) {
    if (rel instanceof RelSubset) {
      return null;
    }
    if (rel instanceof NativeRequestRel boundary) {
      return boundary.nativeRequest();
    }
    if (rel instanceof TableScan scan) {
      NativeRequestTable table = scan.getTable().unwrap(NativeRequestTable.class);
      if (table == null) {
        return null;
      }
      return scan instanceof Bindables.BindableTableScan bindable
          ? table.nativeRequest(bindable.filters, bindable.projects.toIntArray())
          : table.nativeRequest(List.of(), null);
    }
    for (RelNode input : rel.getInputs()) {
      String request = nativeRequest(input);
      if (request != null) {
        return request;
      }
    }
    return null;
  }

  private @Nullable String nativeSql() {
    if (!(getInput() instanceof JdbcToEnumerableConverter converter)
        || !(converter.getInput().getConvention() instanceof JdbcConvention jdbc)) {
      return null;
    }
    JdbcImplementor implementor = new JdbcImplementor(jdbc.dialect,
        (JavaTypeFactory) getCluster().getTypeFactory());
    return implementor.visitRoot(converter.getInput()).asStatement()
        .toSqlString(jdbc.dialect).getSql().replaceAll("\\s+", " ");
  }

  /**
   * Whether this guard's code is a {@link GuardedBranch}, made without running anything, for
   * an input whose rows come in {@code format} (what {@link #implement} decides).
   */
  boolean makesGuardedBranch(JavaRowFormat format) {
    return (timeCondition != null || archive != null) && rowShapeKnown(format);
  }

  /** Whether this guard's code is a {@link GuardedBranch} whatever its input's row format. */
  boolean alwaysMakesGuardedBranch() {
    return (timeCondition != null || archive != null) && emptyRow == null;
  }

  private boolean rowShapeKnown(JavaRowFormat format) {
    return emptyRow == null || format == JavaRowFormat.ARRAY
        || (format == JavaRowFormat.SCALAR && emptyRow.size() == 1);
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
    JavaRowFormat format = input.physType.getFormat();
    boolean rowShapeKnown = rowShapeKnown(format);
    // Before any code runs: a literal range over archived partitions fails here, so no store
    // is asked anything.
    TierBranchGuard.checkArchive(archive, timeCondition,
        ArchivedMode.of(getCluster().getPlanner().getContext()));
    TierBranchGuard guard = new TierBranchGuard(table, tier, slice, timeCondition, emptyRow,
        format == JavaRowFormat.SCALAR, archive);
    Expression stashed = implementor.stash(guard, TierBranchGuard.class);
    if ((timeCondition == null && archive == null) || (!rowShapeKnown && archive == null)) {
      // Nothing to decide at run time (or a row shape we cannot build): always read the tier,
      // counting the read for tiergate.access first.
      //   guard.recordRead(root); <input code>
      BlockBuilder always = new BlockBuilder();
      always.add(Expressions.statement(Expressions.call(stashed, "recordRead",
          implementor.getRootExpression())));
      Expression rows = always.append("tierInput", input.block, false);
      always.add(Expressions.return_(null, rows));
      return implementor.result(input.physType, always.toBlock());
    }
    // The input's code may do work as soon as it runs (an aggregate computes eagerly), so it
    // runs only after the guard has said yes:
    //   return GuardedBranch.of(guard, root, () -> { <input code>; return input; });
    // Without a row to return for a pruned branch, the guard can only refuse: then
    //   new AbstractEnumerable() { enumerator() {
    //     guard.requireReadable(root); <input code>; return input.enumerator(); } }
    BlockBuilder builder = new BlockBuilder();
    if (rowShapeKnown) {
      builder.add(Expressions.return_(null, Expressions.call(
          Types.lookupMethod(GuardedBranch.class, "of", GuardedBranch.Guard.class,
              DataContext.class, Function0.class),
          stashed, implementor.getRootExpression(),
          Expressions.lambda(Function0.class, input.block))));
      return implementor.result(input.physType, builder.toBlock());
    }
    BlockBuilder body = new BlockBuilder();
    body.add(Expressions.statement(Expressions.call(stashed, "requireReadable",
        implementor.getRootExpression())));
    Expression enumerable = body.append("tierInput", input.block, false);
    body.add(Expressions.return_(null,
        Expressions.call(enumerable, BuiltInMethod.ENUMERABLE_ENUMERATOR.method)));
    Expression lazy = Expressions.new_(AbstractEnumerable.class, List.of(),
        List.of(Expressions.methodDecl(Modifier.PUBLIC, Enumerator.class,
            BuiltInMethod.ENUMERABLE_ENUMERATOR.method.getName(), List.of(), body.toBlock())));
    builder.add(Expressions.return_(null, lazy));
    return implementor.result(input.physType, builder.toBlock());
  }
}
