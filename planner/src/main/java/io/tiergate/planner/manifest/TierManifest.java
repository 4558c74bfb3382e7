package io.tiergate.planner.manifest;

import java.time.Instant;

/**
 * Which tier holds which time of one tiered table, at one version.
 *
 * <p>Invariant: {@code coldFloor <= warmFloor <= hotFloor}. Hot owns {@code [hotFloor, +inf)},
 * warm {@code [warmFloor, hotFloor)}, cold {@code [coldFloor, warmFloor)}; anything older than
 * {@code coldFloor} is expired. A query reads one version and keeps it for its whole life, so a
 * row that exists in two stores mid-migration is still read from exactly one of them.
 */
public record TierManifest(String table, long version, long coldFloor, long warmFloor,
    long hotFloor) {

  public TierManifest {
    if (coldFloor > warmFloor || warmFloor > hotFloor) {
      throw new IllegalArgumentException("Manifest of table '" + table
          + "' must have coldFloor <= warmFloor <= hotFloor, got " + Instant.ofEpochMilli(coldFloor)
          + ", " + Instant.ofEpochMilli(warmFloor) + ", " + Instant.ofEpochMilli(hotFloor));
    }
  }

  public TimeSlice slice(Tier tier) {
    return switch (tier) {
      case HOT -> new TimeSlice(hotFloor, Long.MAX_VALUE);
      case WARM -> new TimeSlice(warmFloor, hotFloor);
      case COLD -> new TimeSlice(coldFloor, warmFloor);
    };
  }

  /** The tier that owns a given event time, or null when it is expired. */
  public Tier tierOf(long millis) {
    for (Tier tier : Tier.values()) {
      if (slice(tier).contains(millis)) {
        return tier;
      }
    }
    return null;
  }

  public TierManifest next(long newColdFloor, long newWarmFloor, long newHotFloor) {
    return new TierManifest(table, version + 1, newColdFloor, newWarmFloor, newHotFloor);
  }
}
