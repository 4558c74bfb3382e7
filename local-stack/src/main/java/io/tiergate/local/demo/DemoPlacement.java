package io.tiergate.local.demo;

import io.tiergate.planner.manifest.TierManifest;
import java.time.Duration;

/**
 * Where the demo puts its tier boundaries: each sits {@link #BACKLOG} behind its policy age, as
 * if the lifecycle last ran a few days ago, so that a first migration has real work. Cold
 * storage classes follow age as ADR-002 configures them (Glacier Instant Retrieval up to two
 * years, Flexible Retrieval up to five, Deep Archive beyond).
 */
public record DemoPlacement(long nowMillis) {
  public static final Duration BACKLOG = Duration.ofDays(3);
  public static final Duration HOT = Duration.ofDays(30);
  public static final Duration WARM = Duration.ofDays(365);
  public static final Duration GLACIER_IR = Duration.ofDays(730);
  public static final Duration GLACIER_FLEXIBLE = Duration.ofDays(1825);
  public static final Duration EXPIRE = Duration.ofDays(2555);

  public TierManifest manifest(String table) {
    long backlog = BACKLOG.toMillis();
    return new TierManifest(table, 1,
        nowMillis - EXPIRE.toMillis(),
        nowMillis - WARM.toMillis() - backlog,
        nowMillis - HOT.toMillis() - backlog);
  }

  /** The S3 storage class of a cold object holding data of that age (by its newest day). */
  public String coldStorageClass(long newestMillis) {
    long age = nowMillis - newestMillis;
    if (age < GLACIER_IR.toMillis()) {
      return "GLACIER_IR";
    }
    if (age < GLACIER_FLEXIBLE.toMillis()) {
      return "GLACIER";
    }
    return "DEEP_ARCHIVE";
  }
}
