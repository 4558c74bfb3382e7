package io.tiergate.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a value sits in {@code tiergate.yaml}: {@code stores.redshift.password}. Kept as
 * segments, not as the dotted text, because map entry names (tables, columns, users) are the
 * operator's and may themselves contain dots.
 */
record KeyPath(List<String> segments) {
  static final KeyPath ROOT = new KeyPath(List.of());
  static final String ENVIRONMENT_PREFIX = "TIERGATE";

  KeyPath {
    segments = List.copyOf(segments);
  }

  KeyPath child(String name) {
    List<String> longer = new ArrayList<>(segments);
    longer.add(name);
    return new KeyPath(longer);
  }

  /** A list element: shown as {@code roles[1]}, the form other errors already use. */
  KeyPath index(int i) {
    List<String> same = new ArrayList<>(segments);
    int last = same.size() - 1;
    same.set(last, same.get(last) + "[" + i + "]");
    return new KeyPath(same);
  }

  boolean startsWith(KeyPath prefix) {
    return segments.size() >= prefix.segments.size()
        && segments.subList(0, prefix.segments.size()).equals(prefix.segments);
  }

  /** The last segment: the key's own name. */
  String name() {
    return segments.isEmpty() ? "" : segments.get(segments.size() - 1);
  }

  /**
   * The environment variable that overrides this key: {@code TIERGATE_} and the path in upper
   * case, every character a variable name cannot hold (dots, dashes) an underscore.
   */
  String environmentName() {
    StringBuilder name = new StringBuilder(ENVIRONMENT_PREFIX);
    for (String segment : segments) {
      name.append('_').append(segment.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_"));
    }
    return name.toString();
  }

  @Override public String toString() {
    return segments.isEmpty() ? "(top level)" : String.join(".", segments);
  }
}
