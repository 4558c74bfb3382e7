package io.tiergate.lifecycle.migrate;

import io.tiergate.planner.catalog.ColumnSpec;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The text a {@link RowChecksum} hashes for one value, by the column's type: the same logical
 * value read from any store (a DynamoDB number string, a {@code BigDecimal} from JDBC, a Parquet
 * double) gives the same text, and values that differ give different texts. Each text starts
 * with a tag for its kind and ends with {@code '|'}: NULL is its own tag, so it differs from the
 * string "null" and from the empty string; strings are length-prefixed, so ("ab","c") and
 * ("a","bc") differ.
 */
final class CanonicalValue {
  /** A position the schema has and the row lacks. */
  static final String ABSENT = "A|";
  /** A position the row has and the schema does not. */
  static final String EXTRA = "X|";
  private static final String NULL = "N|";

  private CanonicalValue() {
  }

  static void append(StringBuilder text, ColumnSpec column, Object value) {
    if (value == null) {
      text.append(NULL);
      return;
    }
    switch (column.type()) {
      case TINYINT, SMALLINT, INTEGER, BIGINT -> text.append('I').append(integer(value));
      case DATE -> text.append('D').append(epochDay(value));
      case FLOAT, REAL, DOUBLE, DECIMAL -> text.append('F').append(floating(value));
      case TIMESTAMP -> text.append('T').append(epochMillis(value));
      case BOOLEAN -> text.append('B').append(bool(value));
      default -> {
        String s = value.toString();
        text.append('S').append(s.length()).append(':').append(s);
      }
    }
    text.append('|');
  }

  private static long integer(Object value) {
    if (value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    // BigDecimal from JDBC, a DynamoDB number string: exact, so 1.5 is not taken for 1.
    return new BigDecimal(value.toString().trim()).longValueExact();
  }

  private static long epochDay(Object value) {
    return value instanceof LocalDate d ? d.toEpochDay() : integer(value);
  }

  /** Double.toString of the double value, with -0.0 as 0.0 and every NaN the same. */
  private static String floating(Object value) {
    double d = value instanceof Number n ? n.doubleValue()
        : Double.parseDouble(value.toString().trim());
    if (d == 0.0) {
      d = 0.0;
    }
    return Double.isNaN(d) ? "NaN" : Double.toString(d);
  }

  /** Epoch milliseconds; a wall-clock time is UTC, as Tiergate stores every time. */
  private static long epochMillis(Object value) {
    if (value instanceof Instant i) {
      return i.toEpochMilli();
    }
    if (value instanceof LocalDateTime t) {
      return t.toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    if (value instanceof OffsetDateTime t) {
      return t.toInstant().toEpochMilli();
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime().toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    return integer(value);
  }

  private static boolean bool(Object value) {
    return value instanceof Boolean b ? b : Boolean.parseBoolean(value.toString().trim());
  }
}
