package io.tiergate.server.param;

import io.tiergate.server.error.ClientErrorException;
import io.tiergate.server.error.ErrorKind;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Binds a client's parameter values to the Calcite statement, each converted to the type the
 * statement expects there. Avatica's JdbcMeta passes them on as the client typed them, so text
 * bound to {@code CAST(? AS TIMESTAMP)} reached Calcite's generated code as a String where it
 * reads a long ("String cannot be cast to Long"); and it turns date-times into JDBC objects with
 * the server JVM's time zone while Calcite reads them in the connection's (UTC), which shifts
 * them on a server not running in UTC.
 *
 * <p>Date-times travel as wall-clock values (Avatica's serial form: milliseconds or days since
 * the epoch, no zone), and Calcite's connection reads them in UTC, so they are set here with a
 * UTC calendar: the wall-clock time the client bound is the one Calcite sees.
 */
public final class ParameterBinding {
  private static final long DAY = 86_400_000L;

  private ParameterBinding() {
  }

  /**
   * Sets {@code values} on {@code statement}.
   *
   * @param row the batch row the values are (1-based), for messages; 0 outside a batch
   * @throws ClientErrorException naming the parameter, when a value is missing or does not
   *     convert
   */
  public static void bind(PreparedStatement statement, List<TypedValue> values, int row)
      throws SQLException {
    ParameterMetaData parameters = statement.getParameterMetaData();
    int count = parameters.getParameterCount();
    if (values.size() != count) {
      throw new ClientErrorException(ErrorKind.UNBOUND_PARAMETER, where(row)
          + "the statement has " + count + " parameter" + (count == 1 ? "" : "s") + " but "
          + values.size() + (values.size() == 1 ? " value was" : " values were") + " bound");
    }
    for (int i = 1; i <= count; i++) {
      TypedValue value = values.get(i - 1);
      int sqlType = parameters.getParameterType(i);
      String typeName = parameters.getParameterTypeName(i);
      Parameter parameter = new Parameter(i, sqlType, typeName != null ? typeName
          : java.sql.JDBCType.valueOf(sqlType).getName(), row);
      if (value == null) {
        throw new ClientErrorException(ErrorKind.UNBOUND_PARAMETER, parameter.describe()
            + " has no value; set it before executing");
      }
      set(statement, parameter, value);
    }
  }

  private static String where(int row) {
    return row > 0 ? "Batch row " + row + ": " : "";
  }

  private static void set(PreparedStatement statement, Parameter p, TypedValue value)
      throws SQLException {
    Object local = value.toLocal();
    if (local == null) {
      statement.setNull(p.index, p.sqlType);
      return;
    }
    switch (p.sqlType) {
      case Types.TIMESTAMP -> statement.setTimestamp(p.index, timestamp(millis(p, value, local)),
          utc());
      case Types.DATE -> statement.setDate(p.index, new Date(days(p, value, local) * DAY), utc());
      case Types.TIME -> statement.setTime(p.index, new Time(timeOfDay(p, value, local)), utc());
      case Types.TINYINT -> statement.setByte(p.index, exact(p, local).byteValueExact());
      case Types.SMALLINT -> statement.setShort(p.index, exact(p, local).shortValueExact());
      case Types.INTEGER -> statement.setInt(p.index, exact(p, local).intValueExact());
      case Types.BIGINT -> statement.setLong(p.index, exact(p, local).longValueExact());
      case Types.DECIMAL, Types.NUMERIC -> statement.setBigDecimal(p.index, decimal(p, local));
      case Types.DOUBLE, Types.FLOAT -> statement.setDouble(p.index,
          decimal(p, local).doubleValue());
      case Types.REAL -> statement.setFloat(p.index, decimal(p, local).floatValue());
      case Types.BOOLEAN, Types.BIT -> statement.setBoolean(p.index, bool(p, local));
      case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR ->
          statement.setString(p.index, text(value, local));
      default -> statement.setObject(p.index, value.toJdbc(utc()));
    }
  }

  /** A UTC wall-clock time in milliseconds. */
  private static long millis(Parameter p, TypedValue value, Object local) {
    switch (value.type) {
      case JAVA_SQL_TIMESTAMP, JAVA_UTIL_DATE:
        return (Long) local;
      case JAVA_SQL_DATE:
        return ((Integer) local) * DAY;
      default:
        break;
    }
    if (local instanceof String text) {
      Long millis = TextValues.timestamp(text);
      if (millis != null) {
        return millis;
      }
    }
    throw p.refused(ErrorKind.BAD_DATETIME_PARAMETER, local, "a timestamp such as "
        + "'2026-12-01 00:00:00' (UTC), '2026-12-01T00:00:00Z' or '2026-12-01'");
  }

  private static int days(Parameter p, TypedValue value, Object local) {
    if (value.type == ColumnMetaData.Rep.JAVA_SQL_DATE) {
      return (Integer) local;
    }
    if (local instanceof String text) {
      Integer days = TextValues.date(text);
      if (days != null) {
        return days;
      }
    }
    if (value.type == ColumnMetaData.Rep.JAVA_SQL_TIMESTAMP && (Long) local % DAY == 0) {
      return Math.toIntExact((Long) local / DAY);
    }
    throw p.refused(ErrorKind.BAD_DATETIME_PARAMETER, local, "a date such as '2026-12-01'");
  }

  private static int timeOfDay(Parameter p, TypedValue value, Object local) {
    if (value.type == ColumnMetaData.Rep.JAVA_SQL_TIME) {
      return (Integer) local;
    }
    if (local instanceof String text) {
      Integer time = TextValues.time(text);
      if (time != null) {
        return time;
      }
    }
    throw p.refused(ErrorKind.BAD_DATETIME_PARAMETER, local, "a time such as '13:45:00'");
  }

  private static BigDecimal decimal(Parameter p, Object local) {
    BigDecimal number = local instanceof BigDecimal d ? d
        : local instanceof Double || local instanceof Float
            ? BigDecimal.valueOf(((Number) local).doubleValue())
        : local instanceof Number n ? new BigDecimal(n.toString())
        : local instanceof String text ? TextValues.number(text)
        : null;
    if (number == null) {
      throw p.refused(ErrorKind.BAD_PARAMETER, local, "a number");
    }
    return number;
  }

  /** A whole number (12.0 is one; 12.5 is not). */
  private static BigDecimal exact(Parameter p, Object local) {
    BigDecimal number = decimal(p, local);
    try {
      number.toBigIntegerExact();
      return number;
    } catch (ArithmeticException e) {
      throw p.refused(ErrorKind.BAD_PARAMETER, local, "a whole number");
    }
  }

  private static boolean bool(Parameter p, Object local) {
    if (local instanceof Boolean b) {
      return b;
    }
    Boolean parsed = local instanceof String text ? TextValues.bool(text)
        : local instanceof Number n && (n.intValue() == 0 || n.intValue() == 1)
            ? n.intValue() == 1 : null;
    if (parsed == null) {
      throw p.refused(ErrorKind.BAD_PARAMETER, local, "true or false");
    }
    return parsed;
  }

  private static String text(TypedValue value, Object local) {
    return switch (value.type) {
      case JAVA_SQL_TIMESTAMP, JAVA_UTIL_DATE -> TextValues.timestampText((Long) local);
      case JAVA_SQL_DATE -> java.time.LocalDate.ofEpochDay((Integer) local).toString();
      case JAVA_SQL_TIME -> java.time.LocalTime.ofNanoOfDay((Integer) local * 1_000_000L)
          .toString();
      default -> local.toString();
    };
  }

  /** Where a value of a JDBC date-time type lands on Calcite's side: read in UTC. */
  private static Calendar utc() {
    return Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);
  }

  private static Timestamp timestamp(long millis) {
    return new Timestamp(millis);
  }

  /** One parameter of the statement, for binding and for messages. */
  private record Parameter(int index, int sqlType, String typeName, int row) {
    String describe() {
      return where(row) + "Parameter " + index + " (" + typeName + ")";
    }

    ClientErrorException refused(ErrorKind kind, Object value, String expected) {
      String shown = value instanceof String s ? "'" + s + "'" : String.valueOf(value);
      return new ClientErrorException(kind, describe() + ": " + shown + " is not " + expected);
    }
  }
}
