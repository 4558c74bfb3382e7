package io.tiergate.lifecycle.migrate;

import io.tiergate.adapter.s3.S3StorageClass;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When data of a table leaves each tier, by age: the table's {@code lifecycle} section, e.g.
 * {@code {hot: 30d, warm: 365d, glacier-ir: 730d, glacier-flexible: 1825d, expire: 2555d}}. Each
 * value is the age at which data leaves that tier or class; ADR-002's ages are the defaults.
 * Boundaries fall on UTC midnights, so partitions (a day each) move whole.
 */
public record LifecyclePolicy(Duration hot, Duration warm, Duration glacierIr,
    Duration glacierFlexible, Duration expire) {
  public static final LifecyclePolicy ADR_002 = new LifecyclePolicy(Duration.ofDays(30),
      Duration.ofDays(365), Duration.ofDays(730), Duration.ofDays(1825), Duration.ofDays(2555));
  private static final Pattern AGE = Pattern.compile("(\\d+)([dhms])");
  private static final Set<String> KEYS = Set.of("hot", "warm", "glacier-ir",
      "glacier-flexible", "deep-archive", "expire");

  public LifecyclePolicy {
    if (hot.compareTo(warm) > 0 || warm.compareTo(glacierIr) > 0
        || glacierIr.compareTo(glacierFlexible) > 0 || glacierFlexible.compareTo(expire) > 0) {
      throw new IllegalArgumentException("lifecycle ages must not decrease from hot to warm to "
          + "glacier-ir to glacier-flexible to expire; got hot " + days(hot) + ", warm "
          + days(warm) + ", glacier-ir " + days(glacierIr) + ", glacier-flexible "
          + days(glacierFlexible) + ", expire " + days(expire));
    }
  }

  /**
   * From a table's {@code lifecycle} section; missing keys take ADR-002's ages. {@code
   * deep-archive}, if given, must equal {@code expire} (Deep Archive is the last class).
   *
   * @param where the config path, for errors ({@code tables.events.lifecycle})
   */
  public static LifecyclePolicy parse(Map<String, String> section, String where) {
    Map<String, String> s = section == null ? Map.of() : new LinkedHashMap<>(section);
    for (String key : s.keySet()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(where + "." + key + ": unknown; the keys are "
            + KEYS.stream().sorted().toList());
      }
    }
    LifecyclePolicy d = ADR_002;
    Duration expire = age(s, "expire", where, d.expire);
    if (s.containsKey("deep-archive") && !age(s, "deep-archive", where, expire).equals(expire)) {
      throw new IllegalArgumentException(where + ".deep-archive: Deep Archive is the last class,"
          + " so its age must equal expire (" + s.get("expire") + ")");
    }
    Duration hot = age(s, "hot", where, d.hot);
    Duration warm = age(s, "warm", where, d.warm);
    Duration glacierIr = age(s, "glacier-ir", where, d.glacierIr);
    Duration glacierFlexible = age(s, "glacier-flexible", where, d.glacierFlexible);
    try {
      return new LifecyclePolicy(hot, warm, glacierIr, glacierFlexible, expire);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  private static Duration age(Map<String, String> s, String key, String where, Duration dflt) {
    String text = s.get(key);
    return text == null ? dflt : parseAge(text, where + "." + key);
  }

  /** An age such as {@code 30d}, {@code 12h}, {@code 90m} or {@code 45s}. */
  static Duration parseAge(String text, String where) {
    Matcher m = AGE.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(where + ": '" + text + "' is not an age "
          + "such as 30d, 12h, 90m or 45s");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "d" -> Duration.ofDays(n);
      case "h" -> Duration.ofHours(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofSeconds(n);
    };
  }

  /** Where the hot tier should start now: the UTC midnight at or before {@code now - hot}. */
  public long hotFloor(long nowMillis) {
    return midnightBefore(nowMillis - hot.toMillis());
  }

  public long warmFloor(long nowMillis) {
    return midnightBefore(nowMillis - warm.toMillis());
  }

  public long coldFloor(long nowMillis) {
    return midnightBefore(nowMillis - expire.toMillis());
  }

  /** Time before this is old enough for Glacier Flexible Retrieval. */
  public long flexibleBefore(long nowMillis) {
    return midnightBefore(nowMillis - glacierIr.toMillis());
  }

  /** Time before this is old enough for Deep Archive. */
  public long deepArchiveBefore(long nowMillis) {
    return midnightBefore(nowMillis - glacierFlexible.toMillis());
  }

  /** The class cold data newer than {@code toExclusive} belongs in now. */
  public S3StorageClass coldClass(long toExclusive, long nowMillis) {
    if (toExclusive <= deepArchiveBefore(nowMillis)) {
      return S3StorageClass.DEEP_ARCHIVE;
    }
    return toExclusive <= flexibleBefore(nowMillis) ? S3StorageClass.GLACIER
        : S3StorageClass.GLACIER_IR;
  }

  static long midnightBefore(long millis) {
    return Math.floorDiv(millis, 86_400_000L) * 86_400_000L;
  }

  static LocalDate day(long millis) {
    return LocalDate.ofEpochDay(Math.floorDiv(millis, 86_400_000L));
  }

  static long startOf(LocalDate day) {
    return day.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  private static String days(Duration d) {
    return d.toDays() + "d";
  }
}
