package io.tiergate.planner.cost;

import io.tiergate.planner.manifest.Tier;
import java.util.Locale;

/**
 * Prices a branch's reads by how each store bills them: Athena by the bytes it scans (at least
 * its per-query minimum), Redshift by the query's share of the cluster's time, DynamoDB by read
 * request units, a Glacier restore by the GB and the objects restored. Pure arithmetic over
 * {@link QueryPrices}; what is read comes from the caller.
 */
public final class CostModel {
  private static final double TB = Math.pow(2, 40);
  private static final double GB = Math.pow(2, 30);
  private static final long MB = 1024 * 1024;
  /** DynamoDB reads in units of 4 KB: one RRU strongly consistent, half eventually. */
  private static final long RRU_BYTES = 4096;

  private final QueryPrices prices;

  public CostModel(QueryPrices prices) {
    this.prices = prices;
  }

  public QueryPrices prices() {
    return prices;
  }

  /**
   * An Athena query scanning {@code bytes} (of {@code partitions} day partitions, or -1 when
   * not counted): AWS rounds up to the MB and bills at least the minimum.
   */
  public BranchCost athena(Tier tier, long bytes, int partitions) {
    long billed = Math.max(prices.athenaMinimumBytes(), (bytes + MB - 1) / MB * MB);
    double usd = billed / TB * prices.athenaPerTbScanned();
    return new BranchCost(tier, "athena", usd, "bytes=" + bytes
        + (partitions >= 0 ? " partitions=" + partitions : ""));
  }

  /** A Redshift query scanning {@code bytes}, timed at the assumed scan rate. */
  public BranchCost redshift(Tier tier, long bytes) {
    double seconds = (double) bytes / prices.redshiftBytesPerSecond();
    BranchCost timed = redshiftElapsed(tier, seconds);
    return new BranchCost(tier, timed.store(), timed.usd(), "bytes=" + bytes + " "
        + timed.basis());
  }

  /** A Redshift query running {@code seconds}: its share of the cluster for that long. */
  public BranchCost redshiftElapsed(Tier tier, double seconds) {
    double usd = seconds / 3600 * prices.redshiftClusterHourly() / prices.redshiftConcurrency();
    return new BranchCost(tier, "redshift", usd,
        String.format(Locale.ROOT, "seconds=%.3f", seconds));
  }

  /** DynamoDB reading {@code bytes} of items, strongly consistent or not. */
  public BranchCost dynamodb(Tier tier, long bytes, boolean consistentRead) {
    long units = Math.max(1, (bytes + RRU_BYTES - 1) / RRU_BYTES);
    return dynamodbUnits(tier, consistentRead ? units : units / 2.0, "bytes=" + bytes + " ");
  }

  /** DynamoDB consuming {@code rru} read request units (as its ConsumedCapacity reports). */
  public BranchCost dynamodbUnits(Tier tier, double rru, String basisPrefix) {
    double usd = rru / 1_000_000 * prices.dynamodbPerMillionRru();
    return new BranchCost(tier, "dynamodb", usd, basisPrefix + "rru=" + formatUnits(rru));
  }

  /**
   * Restoring {@code objects} archived objects of {@code bytes} in {@code storageClass}
   * ({@code GLACIER} or {@code DEEP_ARCHIVE}) with {@code retrieval} ({@code STANDARD},
   * {@code BULK}, {@code EXPEDITED}).
   *
   * @throws IllegalArgumentException for a class or retrieval tier AWS does not offer
   */
  public BranchCost restore(String storageClass, String retrieval, long bytes, long objects) {
    QueryPrices.Retrieval byTier = switch (storageClass) {
      case "GLACIER" -> prices.glacier();
      case "DEEP_ARCHIVE" -> prices.deepArchive();
      default -> throw new IllegalArgumentException(storageClass + " objects need no restore");
    };
    QueryPrices.RetrievalPrice price = switch (retrieval) {
      case "STANDARD" -> byTier.standard();
      case "BULK" -> byTier.bulk();
      case "EXPEDITED" -> byTier.expedited();
      default -> null;
    };
    if (price == null) {
      throw new IllegalArgumentException(storageClass + " has no " + retrieval + " retrieval");
    }
    double usd = bytes / GB * price.perGb() + objects / 1000.0 * price.perThousandRequests();
    return new BranchCost(Tier.COLD, "s3", usd, "restore=" + retrieval + " class="
        + storageClass + " bytes=" + bytes + " objects=" + objects);
  }

  private static String formatUnits(double rru) {
    return rru == Math.rint(rru) ? Long.toString((long) rru)
        : String.format(Locale.ROOT, "%.1f", rru);
  }
}
