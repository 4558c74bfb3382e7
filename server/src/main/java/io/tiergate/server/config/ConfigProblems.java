package io.tiergate.server.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything wrong with one configuration file, collected so the operator sees every problem in
 * one run rather than one per restart. Errors read {@code FILE: key.path: reason}.
 *
 * <p>Secret values met while checking are remembered and blanked out of every message: the
 * messages come partly from code that does not know which values are secrets (the records'
 * checks, JDBC drivers), and an error must not put a password into a log.
 */
final class ConfigProblems {
  /** Shorter secrets are not scrubbed: they would blank ordinary words out of messages. */
  private static final int SHORTEST_SCRUBBED_SECRET = 6;
  static final String MASK = "****";

  private final String source;
  private final Set<String> errors = new LinkedHashSet<>(); // a set: each problem once
  private final List<String> warnings = new ArrayList<>();
  // Longest first, so a secret containing another is blanked whole.
  private final Set<String> secrets = new TreeSet<>(
      Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));

  ConfigProblems(String source) {
    this.source = source;
  }

  String source() {
    return source;
  }

  void error(KeyPath key, String reason) {
    errors.add(key + ": " + reason);
  }

  /** A problem with the file as a whole (unreadable, not YAML). */
  void fileError(String reason) {
    errors.add(reason);
  }

  void warning(String text) {
    warnings.add(text);
  }

  /** A secret value to keep out of every message. */
  void secret(String value) {
    if (value != null && value.length() >= SHORTEST_SCRUBBED_SECRET) {
      secrets.add(value);
    }
  }

  boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** Each error as {@code FILE: key.path: reason}. */
  List<String> errors() {
    return errors.stream().map(e -> source + ": " + scrub(e)).toList();
  }

  List<String> warnings() {
    return warnings.stream().map(this::scrub).toList();
  }

  private String scrub(String text) {
    String scrubbed = text;
    for (String secret : secrets) {
      scrubbed = scrubbed.replace(secret, MASK);
    }
    return scrubbed;
  }
}
