package io.tiergate.adapter.redis;

import io.tiergate.planner.catalog.ColumnSpec;
import java.util.List;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A column that shows a key's time to live (read with PTTL): a TIMESTAMP column holds when the
 * key expires (now plus the remaining time, by the gateway's clock), a BIGINT column the
 * milliseconds left. NULL for a key without expiry.
 *
 * @param index the column's position, -1 if the table has none
 */
record RedisTtlColumn(int index, SqlTypeName type) {
  static final RedisTtlColumn NONE = new RedisTtlColumn(-1, SqlTypeName.NULL);
  /** What PTTL answers for a key that does not exist (expired meanwhile). */
  static final long NO_KEY = -2;

  /** The TTL column of a table, by name; the message names the table and column. */
  static RedisTtlColumn of(String table, List<ColumnSpec> columns, @Nullable String name) {
    if (name == null) {
      return NONE;
    }
    for (int i = 0; i < columns.size(); i++) {
      ColumnSpec column = columns.get(i);
      if (column.name().equals(name)) {
        if (i == 0) {
          throw new IllegalArgumentException("Table '" + table + "': ttl-column '" + name
              + "' is the key column");
        }
        if (column.type() != SqlTypeName.TIMESTAMP && column.type() != SqlTypeName.BIGINT) {
          throw new IllegalArgumentException("Table '" + table + "': ttl-column '" + name
              + "' is " + column.type() + "; it must be TIMESTAMP (expiry time) or BIGINT "
              + "(milliseconds left)");
        }
        return new RedisTtlColumn(i, column.type());
      }
    }
    throw new IllegalArgumentException("Table '" + table + "': ttl-column '" + name
        + "' is not one of its columns " + columns.stream().map(ColumnSpec::name).toList());
  }

  boolean exists() {
    return index >= 0;
  }

  /** The column's value for a PTTL answer (not {@link #NO_KEY}). */
  @Nullable Object value(long pttl, long now) {
    if (pttl < 0) {
      return null; // -1: no expiry
    }
    return type == SqlTypeName.TIMESTAMP ? now + pttl : pttl;
  }
}
