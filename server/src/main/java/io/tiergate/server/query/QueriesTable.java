package io.tiergate.server.query;

import io.tiergate.lifecycle.admin.Caller;
import io.tiergate.lifecycle.admin.NamedSystemTable;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code SELECT * FROM tiergate.queries}: the last statements the gateway finished, oldest
 * first, each with the tiers it read and the native requests it sent. A reader sees their own
 * statements, an admin everyone's (see {@link QueryLog#visibleTo}). A statement appears once it
 * is done, so the one reading the table is not in it yet.
 */
public final class QueriesTable extends NamedSystemTable {
  public static final String NAME = "queries";

  private final QueryLog log;

  public QueriesTable(QueryLog log) {
    super(NAME);
    this.log = log;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory f) {
    RelDataType text = f.createTypeWithNullability(f.createSqlType(SqlTypeName.VARCHAR), true);
    RelDataType money = f.createTypeWithNullability(f.createSqlType(SqlTypeName.DOUBLE), true);
    return f.builder()
        .add("query_id", SqlTypeName.BIGINT)
        .add("user_name", SqlTypeName.VARCHAR)
        .add("statement", SqlTypeName.VARCHAR)
        .add("started_at", SqlTypeName.TIMESTAMP, 3)
        .add("duration_ms", SqlTypeName.BIGINT)
        .add("status", SqlTypeName.VARCHAR)
        .add("error_sqlstate", text)
        .add("tiers", SqlTypeName.VARCHAR)
        .add("store_requests", SqlTypeName.VARCHAR)
        .add("rows_returned", SqlTypeName.BIGINT)
        .add("estimated_cost_usd", money)
        .add("actual_cost_usd", money)
        .build();
  }

  @Override public Enumerable<Object[]> scan(DataContext root) {
    List<Object[]> rows = log.visibleTo(Caller.of(root)).stream().map(QueriesTable::row)
        .toList();
    return Linq4j.asEnumerable(rows);
  }

  static Object[] row(QueryRecord r) {
    return new Object[] {r.queryId(), r.user(), r.statement(), r.startedAt().toEpochMilli(),
        r.durationMillis(), r.status().label(), r.errorSqlState(), r.tiers(),
        r.storeRequestsText(), r.rowsReturned(), r.estimatedCostUsd(), r.actualCostUsd()};
  }
}
