package io.tiergate.jdbc;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.Locale;
import java.util.TimeZone;

/**
 * {@code setObject} with a java.time value, which Avatica's client cannot send (it has no
 * wire form for them). Each is bound as the JDBC type it corresponds to, through a UTC calendar,
 * which keeps it as it is meant whatever the client JVM's time zone:
 *
 * <ul>
 *   <li>LocalDateTime, LocalDate, LocalTime are wall-clock values: the gateway gets the same
 *       fields (a TIMESTAMP column holds UTC wall-clock times, so a LocalDateTime is read as
 *       UTC);
 *   <li>Instant, OffsetDateTime, ZonedDateTime are instants: the gateway gets that instant's
 *       UTC wall-clock time, the instant meant;
 *   <li>OffsetTime is its time of day in UTC.
 * </ul>
 */
final class JavaTimeValues {
  private JavaTimeValues() {
  }

  /** Whether {@code x} is a java.time value this binds. */
  static boolean handles(Object x) {
    return x instanceof LocalDateTime || x instanceof LocalDate || x instanceof LocalTime
        || x instanceof Instant || x instanceof OffsetDateTime || x instanceof ZonedDateTime
        || x instanceof OffsetTime;
  }

  static void bind(PreparedStatement statement, int index, Object x) throws SQLException {
    Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);
    if (x instanceof LocalDateTime wallClock) {
      statement.setTimestamp(index, Timestamp.from(wallClock.toInstant(ZoneOffset.UTC)), utc);
    } else if (x instanceof LocalDate date) {
      statement.setDate(index, new Date(date.toEpochDay() * 86_400_000L), utc);
    } else if (x instanceof LocalTime time) {
      statement.setTime(index, new Time(time.toNanoOfDay() / 1_000_000L), utc);
    } else if (x instanceof Instant instant) {
      statement.setTimestamp(index, Timestamp.from(instant), utc);
    } else if (x instanceof OffsetDateTime offset) {
      statement.setTimestamp(index, Timestamp.from(offset.toInstant()), utc);
    } else if (x instanceof ZonedDateTime zoned) {
      statement.setTimestamp(index, Timestamp.from(zoned.toInstant()), utc);
    } else if (x instanceof OffsetTime offsetTime) {
      LocalTime time = offsetTime.withOffsetSameInstant(ZoneOffset.UTC).toLocalTime();
      statement.setTime(index, new Time(time.toNanoOfDay() / 1_000_000L), utc);
    } else {
      throw new IllegalArgumentException("Not a java.time value: " + x);
    }
  }
}
