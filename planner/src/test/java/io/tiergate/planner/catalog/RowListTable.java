package io.tiergate.planner.catalog;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/** An in-memory store table for planner tests; counts how often it is opened (a "request"). */
public final class RowListTable extends AbstractTable implements ScannableTable {
  private final List<ColumnSpec> columns;
  private final List<Object[]> rows;
  public final AtomicInteger scans = new AtomicInteger();
  /** Runs when the table is opened, on the reading thread (to block it, or fail it). */
  public volatile Runnable onOpen = () -> { };

  public RowListTable(List<ColumnSpec> columns, List<Object[]> rows) {
    this.columns = columns;
    this.rows = rows;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return ColumnSpec.rowType(columns, typeFactory);
  }

  @Override public Enumerable<Object[]> scan(DataContext root) {
    return new AbstractEnumerable<>() {
      @Override public Enumerator<Object[]> enumerator() {
        scans.incrementAndGet();
        onOpen.run();
        return Linq4j.enumerator(rows);
      }
    };
  }
}
