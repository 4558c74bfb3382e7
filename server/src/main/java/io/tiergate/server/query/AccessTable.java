package io.tiergate.server.query;

import io.tiergate.lifecycle.admin.NamedSystemTable;
import java.time.Instant;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code SELECT * FROM tiergate.access}: which ages of each table's data are read how often,
 * and from which tier, over the gateway's last reads ({@link AccessLog}). One row per table,
 * tier and day of age that was read: how many statements read it, how many of them in the last
 * day, when last, and their reads' share of the estimated cost. Aggregates, no statement text,
 * so every user may read it.
 */
public final class AccessTable extends NamedSystemTable {
  public static final String NAME = "access";

  private final AccessLog log;

  public AccessTable(AccessLog log) {
    super(NAME);
    this.log = log;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory f) {
    return f.builder()
        .add("table_name", SqlTypeName.VARCHAR)
        .add("tier", SqlTypeName.VARCHAR)
        .add("age_days", SqlTypeName.INTEGER)
        .add("reads", SqlTypeName.BIGINT)
        .add("reads_last_day", SqlTypeName.BIGINT)
        .add("last_read_at", SqlTypeName.TIMESTAMP, 3)
        .add("estimated_cost_usd", SqlTypeName.DOUBLE)
        .build();
  }

  @Override public Enumerable<Object[]> scan(DataContext root) {
    List<Object[]> rows = log.byAge(Instant.now()).stream()
        .map(a -> new Object[] {a.table(), a.tier().lowerName(), a.ageDays(), a.reads(),
            a.readsLastDay(), a.lastReadAt().toEpochMilli(), a.estimatedCostUsd()})
        .toList();
    return Linq4j.asEnumerable(rows);
  }
}
