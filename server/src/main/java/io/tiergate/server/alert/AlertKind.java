package io.tiergate.server.alert;

import java.util.Locale;

/** ADR-002's four kinds of alert; each metric belongs to one. */
public enum AlertKind {
  COST, PERFORMANCE, TRANSITIONS, CAPACITY;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
