package io.tiergate.planner.range;

import java.util.Optional;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.type.SqlTypeName;

/** The kinds of value this package computes with, by SQL type; see {@link BoundValue}. */
enum ValueDomain {
  TIMESTAMP, DATE, NUMBER, DAY_TIME_INTERVAL, YEAR_MONTH_INTERVAL, TEXT;

  static Optional<ValueDomain> of(RelDataType type) {
    SqlTypeName name = type.getSqlTypeName();
    return Optional.ofNullable(switch (name) {
      // A TIMESTAMP WITH LOCAL TIME ZONE holds its UTC instant. Calcite compares it with a
      // TIMESTAMP's wall clock as raw milliseconds (no conversion), which is the SQL meaning
      // when the session time zone is UTC, as it is in the gateway. Casts between the two need
      // the zone and are not understood.
      case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> TIMESTAMP;
      case DATE -> DATE;
      case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL -> NUMBER;
      case CHAR, VARCHAR -> TEXT;
      default -> {
        if (!wholeMillisecondInterval(type.getIntervalQualifier())) {
          yield null;
        }
        yield SqlTypeName.YEAR_INTERVAL_TYPES.contains(name) ? YEAR_MONTH_INTERVAL
            : SqlTypeName.DAY_INTERVAL_TYPES.contains(name) ? DAY_TIME_INTERVAL
            : null;
      }
    });
  }

  /** Whether values of the two domains compare as the numbers this package holds for them. */
  static boolean comparable(ValueDomain a, ValueDomain b) {
    return a == b && a.isOrdered();
  }

  /** Values that can stand on either side of a time comparison. */
  boolean isOrdered() {
    return this == TIMESTAMP || this == DATE || this == NUMBER;
  }

  boolean isDatetime() {
    return this == TIMESTAMP || this == DATE;
  }

  /** Intervals counted in milliseconds or months; sub-millisecond units are not understood. */
  private static boolean wholeMillisecondInterval(SqlIntervalQualifier qualifier) {
    if (qualifier == null) {
      return false;
    }
    TimeUnit end = qualifier.getEndUnit() == null ? qualifier.getStartUnit()
        : qualifier.getEndUnit();
    return end != TimeUnit.MILLISECOND && end != TimeUnit.MICROSECOND
        && end != TimeUnit.NANOSECOND;
  }
}
