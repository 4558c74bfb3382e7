package io.tiergate.planner.manifest;

/** The storage tiers of ADR-002, youngest first. */
public enum Tier {
  HOT, WARM, COLD;

  public String lowerName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
