package io.tiergate.planner.catalog;

import java.util.List;
import org.apache.calcite.rex.RexNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A store table that can say which request a scan of it sends (EXPLAIN shows it per tier):
 * for a store with its own API, such as DynamoDB, where there is no SQL text to show.
 */
public interface NativeRequestTable {
  /**
   * @param filters the conditions Calcite pushed to the scan (the store may use some of them)
   * @param projects the columns read, or null for all
   */
  String nativeRequest(List<RexNode> filters, int @Nullable [] projects);
}
