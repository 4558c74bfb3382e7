package io.tiergate.adapter.dynamodb;

import io.tiergate.planner.catalog.ColumnSpec;
import java.util.List;

/**
 * How a logical table is laid out in a DynamoDB table.
 *
 * <p>The item key is {@code partitionKey} plus a string sort key {@value #SORT_KEY} holding the
 * event time as a fixed-width ISO-8601 instant followed by the rest of the logical key. Time
 * first makes a sort-key range a time range (ISO strings order like the instants they name);
 * the key suffix keeps two events of the same millisecond apart. The GSI {@value #DAY_INDEX}
 * ({@value #DAY_ATTRIBUTE}, time) serves time ranges across partition keys.
 */
public record DynamoDbTableLayout(String tableName, String partitionKey, String timeColumn,
    List<String> keyColumns, List<ColumnSpec> columns) {
  public static final String SORT_KEY = "sort_key";
  public static final String DAY_INDEX = "by_day";
  public static final String DAY_ATTRIBUTE = "event_day";

  public DynamoDbTableLayout {
    keyColumns = List.copyOf(keyColumns);
    columns = List.copyOf(columns);
  }

  /** The position of {@code column} in {@link #columns}. */
  public int columnIndex(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException("No column '" + column + "' in " + tableName);
  }

  /** The key columns after the partition key, appended to the time in the sort key. */
  public List<String> sortKeySuffixColumns() {
    return keyColumns.stream().filter(c -> !c.equals(partitionKey)).toList();
  }
}
