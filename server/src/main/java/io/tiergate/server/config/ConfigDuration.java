package io.tiergate.server.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as configured: a whole number and a unit, {@code 250ms}, {@code 2s}, {@code 5m},
 * {@code 1h}, {@code 30d}.
 */
final class ConfigDuration {
  private static final Pattern TEXT = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  private ConfigDuration() {
  }

  /** @param key the key's full path, named in the error */
  static Duration parse(String key, String text) {
    Matcher m = TEXT.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(key + ": '" + text + "' is not a duration such as"
          + " 250ms, 2s, 5m, 1h or 30d");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
