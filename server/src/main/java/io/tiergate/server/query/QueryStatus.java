package io.tiergate.server.query;

import java.util.Locale;

/**
 * How a client statement ended. {@link #REFUSED}: it never ran (it did not parse or validate,
 * planning refused it, a parameter did not bind); the others ran and read what they read. A
 * statement the client closed before its last row counts as {@link #OK}: it was not failed.
 */
public enum QueryStatus {
  OK, ERROR, CANCELLED, REFUSED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
