package io.tiergate.adapter.s3;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A bucket and a key prefix, as written {@code s3://bucket/prefix/}. The prefix is kept without
 * leading or trailing slash ("" for the bucket's root); {@link #keyPrefix()} gives it with the
 * trailing slash, as a "directory" to list under.
 */
public record S3Location(String bucket, String prefix) {
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  public S3Location {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(prefix, "prefix");
    if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
      throw new IllegalArgumentException("Invalid S3 bucket name '" + bucket
          + "': 3-63 characters, lower-case letters, digits, '.' and '-'");
    }
    prefix = trimSlashes(prefix);
    if (prefix.contains("//")) {
      throw new IllegalArgumentException("S3 prefix '" + prefix + "' has an empty segment");
    }
  }

  /** Parses {@code s3://bucket}, {@code s3://bucket/} or {@code s3://bucket/some/prefix/}. */
  public static S3Location parse(String uri) {
    Objects.requireNonNull(uri, "uri");
    String text = uri.trim();
    if (!text.startsWith("s3://")) {
      throw new IllegalArgumentException("Not an S3 location (expected s3://bucket/prefix/): '"
          + uri + "'");
    }
    String rest = text.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1);
    try {
      return new S3Location(bucket, prefix);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid S3 location '" + uri + "': " + e.getMessage(),
          e);
    }
  }

  /** This location with path segments appended, e.g. {@code resolve("events")}. */
  public S3Location resolve(String child) {
    String trimmed = trimSlashes(child);
    if (trimmed.isEmpty()) {
      return this;
    }
    return new S3Location(bucket, prefix.isEmpty() ? trimmed : prefix + "/" + trimmed);
  }

  /** The prefix with a trailing slash, or "" at the bucket root: what to list under. */
  public String keyPrefix() {
    return prefix.isEmpty() ? "" : prefix + "/";
  }

  /** The full key of a path relative to this location. */
  public String key(String relative) {
    String trimmed = relative.startsWith("/") ? relative.substring(1) : relative;
    return keyPrefix() + trimmed;
  }

  /** {@code s3://bucket/key} of a key in this location's bucket. */
  public String uriOf(String key) {
    return uri(bucket, key);
  }

  public static String uri(String bucket, String key) {
    return "s3://" + bucket + "/" + key;
  }

  /** {@code s3://bucket/prefix/} (with the trailing slash Hive and Trino expect). */
  @Override public String toString() {
    return "s3://" + bucket + "/" + keyPrefix();
  }

  private static String trimSlashes(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '/') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '/') {
      end--;
    }
    return s.substring(start, end);
  }
}
