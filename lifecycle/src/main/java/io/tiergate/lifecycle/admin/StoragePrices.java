package io.tiergate.lifecycle.admin;

import io.tiergate.planner.manifest.Tier;

/**
 * Storage prices in USD per TB-month, per tier (configured; ADR-002: hot 25, warm 5, cold 1). A TB is
 * 2^40 bytes, as AWS bills storage.
 */
public record StoragePrices(double hot, double warm, double cold) {
  private static final double TB = Math.pow(2, 40);

  public StoragePrices {
    if (hot < 0 || warm < 0 || cold < 0) {
      throw new IllegalArgumentException("storage prices cannot be negative");
    }
  }

  /** What {@code bytes} in {@code tier} cost a month; null when the size is unknown. */
  public Double monthlyCost(Tier tier, Long bytes) {
    if (bytes == null) {
      return null;
    }
    double perTb = switch (tier) {
      case HOT -> hot;
      case WARM -> warm;
      case COLD -> cold;
    };
    return bytes / TB * perTb;
  }
}
