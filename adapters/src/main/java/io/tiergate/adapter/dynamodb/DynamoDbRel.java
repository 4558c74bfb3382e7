package io.tiergate.adapter.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A relational operator that DynamoDB (with the gateway's reader around it) runs: the
 * {@link #CONVENTION} of a scan of a {@link DynamoDbTable} and of the filters, projections and
 * LIMIT that {@link DynamoDbRules} push onto it.
 */
public interface DynamoDbRel extends RelNode {
  Convention CONVENTION = new Convention.Impl("DYNAMODB", DynamoDbRel.class);

  /** Adds what this node does to the query being collected; visits its input first. */
  void implement(Implementor implementor);

  /**
   * Collects, from the scan up, what the nodes ask of the table as one {@link DynamoDbQuery}.
   * No filter sits over a limit (the rules see to it), so all filters apply before it.
   */
  final class Implementor {
    @Nullable DynamoDbTable table;
    @Nullable RelOptTable relOptTable;
    final List<RexNode> filters = new ArrayList<>();
    /** The table column of each output field; null while every column is output, in order. */
    int @Nullable [] projection;
    int offset;
    @Nullable Integer fetch;
    boolean timeOrdered;

    void visitChild(RelNode input) {
      ((DynamoDbRel) input).implement(this);
    }

    DynamoDbTable table() {
      if (table == null) {
        throw new IllegalStateException("no DynamoDbTableScan below the DynamoDB operators");
      }
      return table;
    }

    DynamoDbQuery query() {
      int[] columns = projection != null ? projection
          : IntStream.range(0, table().layout().columns().size()).toArray();
      return new DynamoDbQuery(filters, columns, offset, fetch, timeOrdered);
    }
  }
}
