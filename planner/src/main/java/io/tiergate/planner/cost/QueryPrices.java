package io.tiergate.planner.cost;

/**
 * What a query's reads cost, per store, in USD (the configuration's {@code prices}; defaults are
 * AWS's public on-demand list for us-east-1). A TB is 2^40 bytes and a GB 2^30, as AWS bills.
 *
 * @param athenaPerTbScanned Athena, per TB its queries scan
 * @param athenaMinimumBytes the least Athena bills one query for (10 MB)
 * @param redshiftClusterHourly the Redshift cluster's price per hour, all nodes
 * @param redshiftConcurrency how many queries share the cluster at once: one query is billed
 *     this share of the cluster's time while it runs
 * @param redshiftBytesPerSecond how fast a query is assumed to scan, to estimate how long it runs
 * @param dynamodbPerMillionRru DynamoDB on-demand, per million read request units
 * @param glacier retrieval of S3 Glacier Flexible Retrieval objects, per retrieval tier
 * @param deepArchive retrieval of S3 Glacier Deep Archive objects (it has no expedited tier)
 */
public record QueryPrices(double athenaPerTbScanned, long athenaMinimumBytes,
    double redshiftClusterHourly, int redshiftConcurrency, long redshiftBytesPerSecond,
    double dynamodbPerMillionRru, Retrieval glacier, Retrieval deepArchive) {

  /** AWS's public list, us-east-1. */
  public static final QueryPrices AWS_LIST = new QueryPrices(5.0, 10L * 1024 * 1024,
      1.086, 5, 100L * 1024 * 1024, 0.25,
      new Retrieval(new RetrievalPrice(0.01, 0.05), new RetrievalPrice(0.0, 0.0),
          new RetrievalPrice(0.03, 10.0)),
      new Retrieval(new RetrievalPrice(0.02, 0.10), new RetrievalPrice(0.0025, 0.025), null));

  public QueryPrices {
    if (redshiftConcurrency < 1 || redshiftBytesPerSecond < 1 || athenaMinimumBytes < 0
        || athenaPerTbScanned < 0 || redshiftClusterHourly < 0 || dynamodbPerMillionRru < 0) {
      // The configuration checks each key and names it; this guards other callers.
      throw new IllegalArgumentException("query prices cannot be negative (and concurrency and"
          + " scan rate must be at least 1)");
    }
  }

  /** A Glacier class's retrieval prices by retrieval tier; {@code expedited} may be null. */
  public record Retrieval(RetrievalPrice standard, RetrievalPrice bulk,
      RetrievalPrice expedited) {
  }

  /** Retrieval prices: per GB restored and per 1,000 restore requests (one per object). */
  public record RetrievalPrice(double perGb, double perThousandRequests) {
    public RetrievalPrice {
      if (perGb < 0 || perThousandRequests < 0) {
        throw new IllegalArgumentException("retrieval prices cannot be negative");
      }
    }
  }
}
