package io.tiergate.server.error;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * An exception and everything behind it, outermost first: causes, and the suppressed
 * exceptions where Calcite keeps what its code generator threw.
 */
final class Causes {
  private Causes() {
  }

  static List<Throwable> of(Throwable e) {
    List<Throwable> all = new ArrayList<>();
    add(e, all, Collections.newSetFromMap(new IdentityHashMap<>()));
    return all;
  }

  private static void add(Throwable e, List<Throwable> all, Set<Throwable> seen) {
    for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
      all.add(t);
      for (Throwable suppressed : t.getSuppressed()) {
        add(suppressed, all, seen);
      }
    }
  }

  /** The outermost of {@code type} in {@code chain}, or null. */
  static <T> T first(List<Throwable> chain, Class<T> type) {
    for (Throwable t : chain) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /** The outermost whose class has this name (for classes the server does not link to). */
  static Throwable named(List<Throwable> chain, String className) {
    for (Throwable t : chain) {
      for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
        if (c.getName().equals(className)) {
          return t;
        }
      }
    }
    return null;
  }
}
