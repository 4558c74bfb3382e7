package io.tiergate.local.demo;

import io.tiergate.adapter.s3.DayPartitionLayout;
import io.tiergate.adapter.s3.S3StorageClass;
import io.tiergate.planner.manifest.ColdStorageRun;
import io.tiergate.planner.manifest.TierManifest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

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
    long coldFloor = nowMillis - EXPIRE.toMillis();
    long warmFloor = nowMillis - WARM.toMillis() - backlog;
    return new TierManifest(table, 1, coldFloor, warmFloor, nowMillis - HOT.toMillis() - backlog,
        coldRuns(coldFloor, warmFloor));
  }

  /**
   * The storage class of every cold day partition, as runs of consecutive days. None is
   * restored: an all-time query on the demo first asks for a restore, as it would on AWS.
   */
  List<ColdStorageRun> coldRuns(long coldFloor, long warmFloor) {
    List<ColdStorageRun> runs = new ArrayList<>();
    LocalDate last = DayPartitionLayout.dayOf(warmFloor - 1);
    LocalDate runStart = DayPartitionLayout.dayOf(coldFloor);
    String runClass = null;
    for (LocalDate day = runStart; !day.isAfter(last); day = day.plusDays(1)) {
      String dayClass = coldStorageClass(startOf(day.plusDays(1)) - 1);
      if (runClass != null && !runClass.equals(dayClass)) {
        runs.add(run(runStart, day, runClass));
        runStart = day;
      }
      runClass = dayClass;
    }
    if (runClass != null) {
      runs.add(run(runStart, last.plusDays(1), runClass));
    }
    return runs;
  }

  private static ColdStorageRun run(LocalDate from, LocalDate toExclusive, String storageClass) {
    return ColdStorageRun.of(startOf(from), startOf(toExclusive), storageClass,
        S3StorageClass.parse(storageClass).requiresRestore());
  }

  private static long startOf(LocalDate day) {
    return day.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
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
