package io.tiergate.adapter.athena;

import java.math.BigDecimal;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * A bound value as Athena's ExecutionParameters take it: the text of a SQL literal, which
 * Athena substitutes for the matching {@code ?}. Strings are quoted with quotes doubled, so a
 * value can never become SQL.
 */
final class ExecutionParameter {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  private ExecutionParameter() {
  }

  static String of(Object value) throws SQLFeatureNotSupportedException {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof String s) {
      return "'" + s.replace("'", "''") + "'";
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte) {
      return value.toString();
    }
    if (value instanceof Double || value instanceof Float) {
      return "DOUBLE '" + value + "'";
    }
    if (value instanceof BigDecimal d) {
      return "DECIMAL '" + d.toPlainString() + "'";
    }
    if (value instanceof Boolean b) {
      return b ? "TRUE" : "FALSE";
    }
    if (value instanceof Timestamp t) {
      return "TIMESTAMP '" + TIMESTAMP.format(t.toLocalDateTime()) + "'";
    }
    if (value instanceof LocalDateTime t) {
      return "TIMESTAMP '" + TIMESTAMP.format(t) + "'";
    }
    if (value instanceof java.sql.Date d) {
      return "DATE '" + d.toLocalDate() + "'";
    }
    if (value instanceof LocalDate d) {
      return "DATE '" + d + "'";
    }
    if (value instanceof LocalTime t) {
      return "TIME '" + TIME.format(t) + "'";
    }
    throw new SQLFeatureNotSupportedException("Athena (sdk mode): cannot pass a "
        + value.getClass().getName() + " as a parameter");
  }
}
