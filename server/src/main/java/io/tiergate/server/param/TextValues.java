package io.tiergate.server.param;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * Text a client bound where the statement wants a timestamp, date, time, number or boolean, as
 * that value; null when the text is not one. The gateway's time zone is UTC: a timestamp without
 * an offset is a UTC wall-clock time, one with an offset ({@code ...Z}, {@code +01:00}) is that
 * instant.
 */
final class TextValues {
  private TextValues() {
  }

  /** Milliseconds since the epoch of the UTC wall-clock time, or null. */
  static Long timestamp(String text) {
    String s = text.strip();
    if (s.length() > 10 && s.charAt(10) == ' ') {
      s = s.substring(0, 10) + 'T' + s.substring(11); // SQL's form, as ISO's
    }
    try {
      TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(s,
          ZonedDateTime::from, LocalDateTime::from);
      if (parsed instanceof ZonedDateTime zoned) {
        return zoned.toInstant().toEpochMilli();
      }
      return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException e) {
      Integer days = date(s);
      return days == null ? null : days * 86_400_000L;
    }
  }

  /** Days since the epoch, or null. */
  static Integer date(String text) {
    try {
      return Math.toIntExact(LocalDate.parse(text.strip()).toEpochDay());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Milliseconds since midnight, or null. */
  static Integer time(String text) {
    try {
      return Math.toIntExact(LocalTime.parse(text.strip()).toNanoOfDay() / 1_000_000L);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static BigDecimal number(String text) {
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** SQL's and the usual spellings of true and false, or null. */
  static Boolean bool(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true", "t", "yes", "y", "on", "1" -> Boolean.TRUE;
      case "false", "f", "no", "n", "off", "0" -> Boolean.FALSE;
      default -> null;
    };
  }

  /** How a UTC wall-clock time is written back as text (a timestamp bound to a VARCHAR). */
  static String timestampText(long millis) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L),
        (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC).toString()
        .replace('T', ' ');
  }
}
