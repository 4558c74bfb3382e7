package io.tiergate.adapter.redshift;

import io.tiergate.planner.catalog.ColumnSpec;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The warm tier's table of a tiered table: its qualified name in Redshift (or the PostgreSQL
 * stand-in), its time column and its columns in table order, which is also the column order of
 * the Parquet files loaded into it (Redshift's COPY ... FORMAT AS PARQUET matches by position).
 * With {@code keyColumns}, a day loaded from several files keeps one row per key, from the
 * newest file: a late row written again after its day moved replaces the moved version.
 */
public record WarmTable(String name, String timeColumn, List<ColumnSpec> columns,
    List<String> keyColumns) {
  /** Plain lower-case identifiers, optionally schema-qualified: safe to write into SQL text. */
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");
  private static final Pattern COLUMN = Pattern.compile("[a-z_][a-z0-9_]*");

  public WarmTable {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Warm table name '" + name
          + "' is not a plain [schema.]table of lower-case letters, digits and '_'");
    }
    columns = List.copyOf(columns);
    keyColumns = List.copyOf(keyColumns);
    for (ColumnSpec column : columns) {
      if (!COLUMN.matcher(column.name()).matches()) {
        throw new IllegalArgumentException("Column '" + column.name() + "' of warm table " + name
            + " is not a plain lower-case identifier");
      }
    }
    if (columns.stream().noneMatch(c -> c.name().equals(timeColumn))) {
      throw new IllegalArgumentException("Warm table " + name + " has no time column '"
          + timeColumn + "' among " + columns.stream().map(ColumnSpec::name).toList());
    }
    for (String key : keyColumns) {
      if (columns.stream().noneMatch(c -> c.name().equals(key))) {
        throw new IllegalArgumentException("Warm table " + name + " has no key column '" + key
            + "' among " + columns.stream().map(ColumnSpec::name).toList());
      }
    }
  }

  /** A table without a key: a day's files are loaded as they are, duplicates and all. */
  public WarmTable(String name, String timeColumn, List<ColumnSpec> columns) {
    this(name, timeColumn, columns, List.of());
  }

  public int timeColumnIndex() {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(timeColumn)) {
        return i;
      }
    }
    throw new AssertionError(timeColumn);
  }

  /** The positions of the key columns in a row. */
  public int[] keyIndexes() {
    List<String> names = columnNames();
    return keyColumns.stream().mapToInt(names::indexOf).toArray();
  }

  public List<String> columnNames() {
    return columns.stream().map(ColumnSpec::name).toList();
  }
}
