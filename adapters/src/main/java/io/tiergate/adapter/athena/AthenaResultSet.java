package io.tiergate.adapter.athena;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Calendar;

/**
 * A forward-only ResultSet over {@link AthenaRows}. Time values are read as JDBC drivers read
 * them: without a Calendar the wall-clock value in the JVM's zone (as Trino's driver does),
 * with one in the Calendar's zone.
 */
final class AthenaResultSet extends JdbcFacade {
  private final AthenaRows rows;
  private final Statement statement;
  private boolean wasNull;

  AthenaResultSet(AthenaRows rows, Statement statement) {
    super(ResultSet.class);
    this.rows = rows;
    this.statement = statement;
  }

  @Override Object handle(Object proxy, String method, Object[] args) throws SQLException {
    if (method.startsWith("get") && (args.length == 1 || args.length == 2
        && args[1] instanceof Calendar) && (args[0] instanceof Integer
        || args[0] instanceof String)) {
      return get(method, column(args[0]), args.length == 2 ? (Calendar) args[1] : null);
    }
    return switch (method) {
      case "next" -> rows.next();
      case "wasNull" -> wasNull;
      case "getMetaData" -> JdbcFacade.proxy(ResultSetMetaData.class,
          new AthenaResultSetMetaData(rows.columns()));
      case "getStatement" -> statement;
      case "findColumn" -> column(args[0]) + 1;
      case "getType" -> ResultSet.TYPE_FORWARD_ONLY;
      case "getConcurrency" -> ResultSet.CONCUR_READ_ONLY;
      case "getFetchSize" -> 0;
      case "setFetchSize" -> null;
      case "close" -> {
        rows.close();
        closed = true;
        yield null;
      }
      default -> UNSUPPORTED;
    };
  }

  /** The 0-based index of a column given by 1-based index or by label. */
  private int column(Object column) throws SQLException {
    if (column instanceof Integer i) {
      if (i < 1 || i > rows.columns().size()) {
        throw new SQLException("column " + i + " out of 1.." + rows.columns().size());
      }
      return i - 1;
    }
    for (int i = 0; i < rows.columns().size(); i++) {
      if (rows.columns().get(i).name().equalsIgnoreCase((String) column)) {
        return i;
      }
    }
    throw new SQLException("no column " + column + " in the result of Athena query "
        + rows.queryId());
  }

  private Object get(String method, int index, Calendar calendar) throws SQLException {
    Object value = rows.value(index);
    wasNull = value == null;
    return switch (method) {
      case "getString" -> rows.text(index);
      case "getObject" -> value instanceof LocalDateTime || value instanceof LocalDate
          || value instanceof LocalTime ? time(value, null) : value;
      case "getBoolean" -> value != null && (Boolean) value;
      case "getByte" -> value == null ? (byte) 0 : number(value, index).byteValue();
      case "getShort" -> value == null ? (short) 0 : number(value, index).shortValue();
      case "getInt" -> value == null ? 0 : number(value, index).intValue();
      case "getLong" -> value == null ? 0L : value instanceof LocalDateTime t
          ? Timestamp.valueOf(t).getTime() : number(value, index).longValue();
      case "getFloat" -> value == null ? 0f : number(value, index).floatValue();
      case "getDouble" -> value == null ? 0d : number(value, index).doubleValue();
      case "getBigDecimal" -> value == null ? null : value instanceof BigDecimal d ? d
          : new BigDecimal(number(value, index).toString());
      case "getTimestamp", "getDate", "getTime" -> value == null ? null : time(value, calendar);
      default -> UNSUPPORTED;
    };
  }

  private Number number(Object value, int index) throws SQLException {
    if (value instanceof Number n) {
      return n;
    }
    throw new SQLException("column " + rows.columns().get(index).name() + " ("
        + rows.columns().get(index).type() + ") is not a number in Athena query "
        + rows.queryId());
  }

  private static Object time(Object value, Calendar calendar) {
    java.time.ZoneId zone = calendar == null ? java.time.ZoneId.systemDefault()
        : calendar.getTimeZone().toZoneId();
    if (value instanceof LocalDateTime t) {
      return Timestamp.from(t.atZone(zone).toInstant());
    }
    if (value instanceof LocalDate d) {
      return new Date(d.atStartOfDay(zone).toInstant().toEpochMilli());
    }
    if (value instanceof LocalTime t) {
      return new Time(t.atDate(LocalDate.EPOCH).atZone(zone).toInstant().toEpochMilli());
    }
    return value;
  }
}
