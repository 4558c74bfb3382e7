package io.tiergate.adapter.dynamodb;

import java.util.List;
import java.util.TreeSet;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What the {@link DynamoDbRel} nodes of one scan ask of the table, collected by
 * {@link DynamoDbRel.Implementor}: the filters (over the table's columns, all of them applied
 * to the rows returned), the columns returned, and which rows (OFFSET, FETCH, in time order or
 * not).
 *
 * @param filters conjunctions over the table's columns
 * @param projection the table columns of each row returned, in order
 * @param fetch at most this many rows, or null for all
 * @param timeOrdered whether rows come in ascending time order
 */
public record DynamoDbQuery(List<RexNode> filters, int[] projection, int offset,
    @Nullable Integer fetch, boolean timeOrdered) {
  public DynamoDbQuery {
    filters = List.copyOf(filters);
  }

  /** How many matching rows the reader must produce before it may stop; null for all. */
  @Nullable Integer rowsNeeded() {
    return fetch == null ? null : offset + fetch;
  }

  /**
   * The table columns to read: those returned, those the filters test, and the time when rows
   * are ordered by it (a path that does not yield time order is sorted by the gateway).
   */
  int[] readColumns(int timeIndex) {
    TreeSet<Integer> columns = new TreeSet<>();
    for (int column : projection) {
      columns.add(column);
    }
    for (RexNode filter : filters) {
      RelOptUtil.InputFinder.bits(filter).forEach(columns::add);
    }
    if (timeOrdered) {
      columns.add(timeIndex);
    }
    return columns.stream().mapToInt(Integer::intValue).toArray();
  }
}
