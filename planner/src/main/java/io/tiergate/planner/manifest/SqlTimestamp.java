package io.tiergate.planner.manifest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Epoch millis as the text of a SQL {@code TIMESTAMP '...'} literal in UTC, for messages. */
public final class SqlTimestamp {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private SqlTimestamp() {
  }

  /** {@code 2024-01-31 00:00:00} (seconds only: tier boundaries and days are whole seconds). */
  public static String format(long millis) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC).format(FORMAT);
  }
}
