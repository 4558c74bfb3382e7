package io.tiergate.lifecycle.migrate;

import io.tiergate.planner.catalog.ColumnSpec;
import java.util.List;
import java.util.Objects;

/**
 * Everything a migration of one tiered table touches: its schema, key and time columns, the
 * stores of its tiers, and its policy. A tier the table does not have is null, and so are its
 * moves.
 */
public record TableLifecycle(String table, List<ColumnSpec> schema, List<String> keyColumns,
    String timeColumn, HotSliceStore hot, WarmSliceStore warm, ColdSliceStore cold, LifecyclePolicy policy) {
  public TableLifecycle {
    Objects.requireNonNull(table, "table");
    schema = List.copyOf(schema);
    keyColumns = List.copyOf(keyColumns);
    Objects.requireNonNull(policy, "policy");
  }

  /** The names of the schema's columns, in the order every tier stores them. */
  public List<String> columns() {
    return schema.stream().map(ColumnSpec::name).toList();
  }

  /**
   * The checksum of whole rows in the schema's column order: every column counts, so a value
   * changed on the way is a mismatch, and so is a column a reader did not return.
   */
  public RowChecksum checksum(Iterable<Object[]> rows) {
    RowChecksum.Builder sum = new RowChecksum.Builder(schema);
    rows.forEach(sum::add);
    return sum.build();
  }

  /** The key values of a row in the schema's column order. */
  public List<Object> key(Object[] row) {
    return keyColumns.stream().map(k -> row[indexOf(k)]).toList();
  }

  public long time(Object[] row) {
    return (Long) row[indexOf(timeColumn)];
  }

  private int indexOf(String column) {
    for (int i = 0; i < schema.size(); i++) {
      if (schema.get(i).name().equals(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException(table + " has no column " + column);
  }
  /** Whether the table has both tiers a transition moves between. */
  public boolean supports(Transition transition) {
    return switch (transition) {
      case HOT_TO_WARM -> hot != null && warm != null;
      case WARM_TO_COLD -> warm != null && cold != null;
      case COLD_CLASS, EXPIRE -> cold != null;
    };
  }
}
