package io.tiergate.planner.catalog;

import java.util.List;

/** Writes rows of a tiered table into its hot store (the target of {@code INSERT}). */
public interface HotRowWriter {
  /**
   * Writes {@code rows} (the table's columns in order, Calcite's internal values) as new rows;
   * fails without writing a row whose key already exists.
   *
   * @return the number of rows written
   */
  long insert(List<Object[]> rows);
}
