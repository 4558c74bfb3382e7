package io.tiergate.planner.catalog;

import io.tiergate.planner.manifest.Tier;
import java.util.List;
import java.util.Map;

/**
 * A logical table whose rows live in several tiers by the age of {@code timeColumn}.
 *
 * @param tierPaths for each tier, the path of the store table that holds its slice, as seen
 *     from the root schema (for example {@code [redshift, events]})
 * @param dayPartitions for tiers whose store table is partitioned by the UTC day of the time
 *     column, the partition column (text {@code YYYY-MM-DD}, for example {@code dt})
 */
public record TieredTableSpec(String name, String timeColumn, List<String> key,
    List<ColumnSpec> columns, Map<Tier, List<String>> tierPaths,
    Map<Tier, String> dayPartitions) {

  public TieredTableSpec(String name, String timeColumn, List<String> key,
      List<ColumnSpec> columns, Map<Tier, List<String>> tierPaths) {
    this(name, timeColumn, key, columns, tierPaths, Map.of());
  }

  public TieredTableSpec {
    key = List.copyOf(key);
    columns = List.copyOf(columns);
    tierPaths = Map.copyOf(tierPaths);
    dayPartitions = Map.copyOf(dayPartitions);
    if (columns.stream().noneMatch(c -> c.name().equals(timeColumn))) {
      throw new IllegalArgumentException("Table '" + name + "': time-column '" + timeColumn
          + "' is not one of its columns");
    }
    for (String k : key) {
      if (columns.stream().noneMatch(c -> c.name().equals(k))) {
        throw new IllegalArgumentException("Table '" + name + "': key column '" + k
            + "' is not one of its columns");
      }
    }
  }

  public int timeColumnIndex() {
    return columnIndex(timeColumn);
  }

  public int columnIndex(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException("Table '" + name + "' has no column '" + column + "'");
  }
}
