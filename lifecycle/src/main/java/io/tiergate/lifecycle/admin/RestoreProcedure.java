package io.tiergate.lifecycle.admin;

import io.tiergate.adapter.s3.RetrievalTier;
import io.tiergate.lifecycle.restore.RestoreOutcome;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.runtime.SqlFunctions;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;

/**
 * {@code CALL tiergate.restore('events', TIMESTAMP '...', TIMESTAMP '...', 'STANDARD')}. The
 * work happens when the result is read, not while planning, so a cached plan runs it again.
 */
public final class RestoreProcedure extends AbstractTable implements ScannableTable {
  private final String table;
  private final long from;
  private final long to;
  private final String tier;

  private RestoreProcedure(String table, long from, long to, String tier) {
    this.table = table;
    this.from = from;
    this.to = to;
    this.tier = tier;
  }

  /**
   * The function Calcite calls, one result row per storage class. The times are declared
   * {@code Object} (SQL type ANY) because Calcite evaluates a table function's arguments while
   * validating, and its evaluator cannot convert a TIMESTAMP literal to a Java type.
   */
  public static ScannableTable restore(String table, Object from, Object to, String tier) {
    if (table == null || from == null || to == null || tier == null) {
      throw new IllegalArgumentException("CALL tiergate.restore(table, from, to, tier): no "
          + "argument may be NULL");
    }
    return new RestoreProcedure(table, millis(from, "from"), millis(to, "to"), tier);
  }

  /** A time argument: a TIMESTAMP or DATE (any form Calcite hands over) or its text. */
  static long millis(Object value, String name) {
    if (value instanceof Timestamp t) {
      return SqlFunctions.toLong(t); // Calcite's UTC wall-clock millis, exactly
    }
    if (value instanceof java.sql.Date d) {
      return SqlFunctions.toInt(d) * 86_400_000L;
    }
    if (value instanceof Long l) {
      return l; // a TIMESTAMP in Calcite's internal form
    }
    if (value instanceof Integer days) {
      return days * 86_400_000L; // a DATE in Calcite's internal form
    }
    if (value instanceof TimestampString t) {
      return t.getMillisSinceEpoch();
    }
    if (value instanceof DateString d) {
      return d.getMillisSinceEpoch();
    }
    if (value instanceof Calendar c) {
      return c.getTimeInMillis();
    }
    String text = value.toString().trim();
    try {
      return text.length() <= 10 ? DateString.fromDaysSinceEpoch(
          (int) java.time.LocalDate.parse(text).toEpochDay()).getMillisSinceEpoch()
          : new TimestampString(text.replace('T', ' ')).getMillisSinceEpoch();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("CALL tiergate.restore: '" + name + "' must be a "
          + "TIMESTAMP, e.g. TIMESTAMP '2020-01-01 00:00:00'; got '" + text + "'", e);
    }
  }

  @Override public RelDataType getRowType(RelDataTypeFactory f) {
    return f.builder()
        .add("table_name", SqlTypeName.VARCHAR)
        .add("storage_class", SqlTypeName.VARCHAR)
        .add("first_partition", SqlTypeName.VARCHAR)
        .add("last_partition", SqlTypeName.VARCHAR)
        .add("partitions", SqlTypeName.INTEGER)
        .add("objects", SqlTypeName.INTEGER)
        .add("restored_objects", SqlTypeName.INTEGER)
        .add("state", SqlTypeName.VARCHAR)
        .add("readable_until", f.createTypeWithNullability(
            f.createSqlType(SqlTypeName.TIMESTAMP, 3), true))
        .build();
  }

  @Override public Enumerable<Object[]> scan(DataContext root) {
    AdminSchema.requireAdmin(root, "restore");
    List<RestoreOutcome> outcomes = AdminSchema.of(root).restores()
        .restore(table, from, to, RetrievalTier.parse(tier));
    return Linq4j.asEnumerable(outcomes.stream().map(o -> new Object[] {
        o.table(), o.storageClass(), "dt=" + o.firstDay(), "dt=" + o.lastDay(), o.partitions(),
        o.objects(), o.restoredObjects(), o.state(),
        o.readableUntil() == null ? null : o.readableUntil().toEpochMilli()}).toList());
  }
}
