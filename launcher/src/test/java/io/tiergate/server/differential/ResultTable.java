package io.tiergate.server.differential;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TimeZone;

/**
 * A query result read into comparable values, whichever driver produced it: integers as
 * {@link BigDecimal} with scale 0 (compared exactly), DOUBLE as {@link Double} and fractional
 * DECIMAL as {@link BigDecimal} (both compared with a relative tolerance), TIMESTAMP as its UTC
 * wall clock ({@link LocalDateTime}, read through a UTC calendar), DATE as {@link LocalDate},
 * text as {@link String}, NULL as null.
 */
public record ResultTable(List<String> columns, List<List<Object>> rows) {
  /** Relative tolerance for inexact numbers: sums in a different order round differently. */
  public static final double TOLERANCE = 1e-9;

  /** Orders values of one column: NULL first, then numbers, times, dates, text, others. */
  public static final Comparator<Object> VALUE_ORDER = ResultTable::compareValues;

  /** Orders rows column by column with {@link #VALUE_ORDER}. */
  public static final Comparator<List<Object>> ROW_ORDER = (a, b) -> {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = compareValues(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  };

  public static ResultTable read(ResultSet rs) throws SQLException {
    Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    ResultSetMetaData meta = rs.getMetaData();
    int n = meta.getColumnCount();
    List<String> columns = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      columns.add(meta.getColumnLabel(i) + ":" + meta.getColumnTypeName(i));
    }
    List<List<Object>> rows = new ArrayList<>();
    while (rs.next()) {
      List<Object> row = new ArrayList<>(n);
      for (int i = 1; i <= n; i++) {
        row.add(value(rs, i, meta.getColumnType(i), utc));
      }
      rows.add(row);
    }
    return new ResultTable(columns, rows);
  }

  private static Object value(ResultSet rs, int i, int type, Calendar utc) throws SQLException {
    Object value = switch (type) {
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
        Timestamp t = rs.getTimestamp(i, utc);
        yield t == null ? null : SliceEdges.wallClock(t.getTime());
      }
      case Types.DATE -> {
        java.sql.Date d = rs.getDate(i, utc);
        yield d == null ? null : SliceEdges.wallClock(d.getTime()).toLocalDate();
      }
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
        long v = rs.getLong(i);
        yield rs.wasNull() ? null : BigDecimal.valueOf(v);
      }
      case Types.DOUBLE, Types.FLOAT, Types.REAL -> {
        double v = rs.getDouble(i);
        yield rs.wasNull() ? null : v;
      }
      case Types.DECIMAL, Types.NUMERIC -> rs.getBigDecimal(i);
      case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR ->
          rs.getString(i);
      default -> rs.getObject(i);
    };
    return normalize(value);
  }

  private static Object normalize(Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof BigInteger b) {
      return new BigDecimal(b);
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    return value;
  }

  /** Equal values: exact, except numbers that are not both integers (relative tolerance). */
  public static boolean same(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof Number x && b instanceof Number y) {
      if (integral(x) && integral(y)) {
        return toDecimal(x).compareTo(toDecimal(y)) == 0;
      }
      double dx = x.doubleValue();
      double dy = y.doubleValue();
      return dx == dy || Math.abs(dx - dy) <= TOLERANCE * Math.max(Math.abs(dx), Math.abs(dy));
    }
    return a.equals(b);
  }

  public static boolean sameRow(List<Object> a, List<Object> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!same(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean integral(Number n) {
    if (n instanceof BigDecimal d) {
      return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
    }
    return !(n instanceof Double || n instanceof Float);
  }

  private static BigDecimal toDecimal(Number n) {
    return n instanceof BigDecimal d ? d : BigDecimal.valueOf(n.longValue());
  }

  private static int rank(Object v) {
    if (v == null) {
      return 0;
    }
    if (v instanceof Number) {
      return 1;
    }
    if (v instanceof LocalDateTime) {
      return 2;
    }
    if (v instanceof LocalDate) {
      return 3;
    }
    if (v instanceof String) {
      return 4;
    }
    return 5;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareValues(Object a, Object b) {
    int ra = rank(a);
    int rb = rank(b);
    if (ra != rb) {
      return Integer.compare(ra, rb);
    }
    if (a == null || same(a, b)) {
      return 0;
    }
    if (a instanceof Number x) {
      Number y = (Number) b;
      return integral(x) && integral(y) ? toDecimal(x).compareTo(toDecimal(y))
          : Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (a instanceof Comparable c && a.getClass() == b.getClass()) {
      return c.compareTo(b);
    }
    return Objects.toString(a).compareTo(Objects.toString(b));
  }
}
