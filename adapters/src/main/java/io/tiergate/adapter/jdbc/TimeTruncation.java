package io.tiergate.adapter.jdbc;

import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.fun.SqlFloorFunction;

/**
 * {@code FLOOR(ts TO unit)} as {@code DATE_TRUNC('unit', ts)}: Calcite's Redshift and Trino
 * dialects would send the FLOOR form, which neither engine (nor PostgreSQL) parses, while all
 * three accept DATE_TRUNC for the units from second to year.
 */
final class TimeTruncation {
  private TimeTruncation() {
  }

  /** Writes the call as DATE_TRUNC and returns true when it is a FLOOR to a time unit. */
  static boolean unparse(SqlWriter writer, SqlCall call) {
    if (call.getKind() != SqlKind.FLOOR || call.operandCount() != 2) {
      return false;
    }
    // From a plan the unit is a symbol literal; from parsed SQL, an interval qualifier.
    SqlNode unitNode = call.operand(1);
    TimeUnitRange unit = unitNode instanceof SqlLiteral literal
        && literal.getValue() instanceof TimeUnitRange range ? range
        : unitNode instanceof SqlIntervalQualifier qualifier ? qualifier.timeUnitRange : null;
    if (unit == null) {
      return false;
    }
    SqlCall truncation = SqlFloorFunction.replaceTimeUnitOperand(call, unit.name(),
        unitNode.getParserPosition());
    SqlFloorFunction.unparseDatetimeFunction(writer, truncation, "DATE_TRUNC", false);
    return true;
  }
}
