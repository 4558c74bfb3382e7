package io.tiergate.adapter.redis;

import io.lettuce.core.api.sync.RedisCommands;
import io.tiergate.planner.catalog.ColumnSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Redis hashes under a key prefix as rows: the first column is the key without its prefix,
 * the others are hash fields of the same name.
 */
public final class RedisHashTable extends AbstractTable implements ScannableTable {
  private final String name;
  private final RedisConnector redis;
  private final String keyPrefix;
  private final List<ColumnSpec> columns;
  private final boolean scanAllowed;

  public RedisHashTable(String name, RedisConnector redis, String keyPrefix,
      List<ColumnSpec> columns, boolean scanAllowed) {
    this.name = name;
    this.redis = redis;
    this.keyPrefix = keyPrefix;
    this.columns = List.copyOf(columns);
    this.scanAllowed = scanAllowed;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return ColumnSpec.rowType(columns, typeFactory);
  }

  @Override public Enumerable<@Nullable Object[]> scan(DataContext root) {
    if (!scanAllowed) {
      throw new RedisScanForbiddenException(name, keyPrefix);
    }
    RedisCommands<String, String> commands = redis.connection().sync();
    List<Object[]> rows = new ArrayList<>();
    for (String key : RedisKeys.withPrefix(commands, keyPrefix)) {
      Map<String, String> hash = commands.hgetall(key);
      if (hash.isEmpty()) {
        continue; // expired between SCAN and HGETALL
      }
      Object[] row = new Object[columns.size()];
      row[0] = RedisValues.decode(columns.get(0), key.substring(keyPrefix.length()));
      for (int i = 1; i < columns.size(); i++) {
        row[i] = RedisValues.decode(columns.get(i), hash.get(columns.get(i).name()));
      }
      rows.add(row);
    }
    return Linq4j.asEnumerable(rows);
  }
}
