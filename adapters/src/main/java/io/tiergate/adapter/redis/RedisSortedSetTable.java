package io.tiergate.adapter.redis;

import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.sync.RedisCommands;
import io.tiergate.planner.catalog.ColumnSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Time series in Redis sorted sets, one set per series at {@code <prefix><name>}: columns
 * (name VARCHAR, ts TIMESTAMP, value DOUBLE). The score is the time in epoch millis; the member
 * is {@code <millis>:<value>}, so two points of one series never collapse into one member.
 */
public final class RedisSortedSetTable extends AbstractTable implements ScannableTable {
  public static final List<ColumnSpec> COLUMNS = List.of(
      new ColumnSpec("name", SqlTypeName.VARCHAR),
      new ColumnSpec("ts", SqlTypeName.TIMESTAMP),
      new ColumnSpec("value", SqlTypeName.DOUBLE));

  private final String name;
  private final RedisConnector redis;
  private final String keyPrefix;
  private final boolean scanAllowed;

  public RedisSortedSetTable(String name, RedisConnector redis, String keyPrefix,
      boolean scanAllowed) {
    this.name = name;
    this.redis = redis;
    this.keyPrefix = keyPrefix;
    this.scanAllowed = scanAllowed;
  }

  public static String member(long millis, double value) {
    return millis + ":" + value;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return ColumnSpec.rowType(COLUMNS, typeFactory);
  }

  @Override public Enumerable<@Nullable Object[]> scan(DataContext root) {
    if (!scanAllowed) {
      throw new RedisScanForbiddenException(name, keyPrefix);
    }
    RedisCommands<String, String> commands = redis.connection().sync();
    List<Object[]> rows = new ArrayList<>();
    for (String key : RedisKeys.withPrefix(commands, keyPrefix)) {
      String series = key.substring(keyPrefix.length());
      for (ScoredValue<String> point : commands.zrangeWithScores(key, 0, -1)) {
        String member = point.getValue();
        double value = Double.parseDouble(member.substring(member.indexOf(':') + 1));
        rows.add(new Object[] {series, (long) point.getScore(), value});
      }
    }
    return Linq4j.asEnumerable(rows);
  }
}
