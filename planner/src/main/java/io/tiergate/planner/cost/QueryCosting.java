package io.tiergate.planner.cost;

import io.tiergate.planner.manifest.Tier;
import io.tiergate.planner.manifest.TimeSlice;
import io.tiergate.planner.range.EvaluationContext;
import io.tiergate.planner.range.TimeRangeExtractor;
import io.tiergate.planner.range.TimeRangeSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.plan.Context;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Estimates what a planned query's tier branches cost, before anything runs. The gateway puts
 * one in the planner's context (with its prices and its listing of partition sizes); without
 * one, plans carry no estimate.
 *
 * <p>What each store reads: the partitions the branch's time range meets, at their stored size,
 * for the stores over day-partitioned S3 data (Athena; Redshift, whose warm data has the same
 * layout), a whole-partition upper bound since Parquet lets Athena skip columns; the planner's
 * row count times row size below the branch for the others (DynamoDB) or when no listing
 * answers. The time range is the branch's slice narrowed by the query's time condition as it
 * evaluates now; bind parameters not yet known leave the whole slice.
 */
public final class QueryCosting {
  /** The storage classes whose objects need a restore before a read, as AWS names them. */
  private static final java.util.Set<String> RESTORABLE = java.util.Set.of("GLACIER",
      "DEEP_ARCHIVE");

  private final CostModel model;
  private final ScanSizes sizes;
  private final boolean dynamodbConsistentRead;

  public QueryCosting(QueryPrices prices, ScanSizes sizes, boolean dynamodbConsistentRead) {
    this.model = new CostModel(prices);
    this.sizes = sizes;
    this.dynamodbConsistentRead = dynamodbConsistentRead;
  }

  public CostModel model() {
    return model;
  }

  /** The costing of the planner whose context is {@code context}, if the gateway gave one. */
  public static Optional<QueryCosting> of(Context context) {
    return context.maybeUnwrap(QueryCosting.class);
  }

  /** Every tier branch of a planned tree, as it would be read. */
  public static CostEstimate estimate(RelNode root) {
    List<BranchCost> branches = new ArrayList<>();
    collect(root, branches);
    return new CostEstimate(branches);
  }

  private static void collect(RelNode rel, List<BranchCost> branches) {
    if (rel instanceof CostedBranch branch) {
      BranchCost cost = branch.estimatedCost();
      if (cost != null) {
        branches.add(cost);
      }
      return;
    }
    for (RelNode input : rel.getInputs()) {
      collect(input, branches);
    }
  }

  /**
   * The cost of reading one tier's branch: its slice, its time condition over {@code $0} (null:
   * the whole slice), and the branch below the guard. Null for a branch the time range rules
   * out.
   */
  public @Nullable BranchCost branch(Tier tier, TimeSlice slice, @Nullable RexNode condition,
      RelNode input) {
    return branch(tier, slice, condition, input, null);
  }

  /**
   * As {@link #branch(Tier, TimeSlice, RexNode, RelNode)}, for a branch over archived objects
   * of {@code restoreClass} ({@code GLACIER}, {@code DEEP_ARCHIVE}) that the query would restore
   * first ({@code archived=restore}, STANDARD retrieval): their restore is added to its cost.
   */
  public @Nullable BranchCost branch(Tier tier, TimeSlice slice, @Nullable RexNode condition,
      RelNode input, @Nullable String restoreClass) {
    TableScan scan = firstScan(input);
    if (scan == null) {
      return null;
    }
    TimeRangeSet range = TimeRangeSet.of(slice);
    if (condition != null) {
      range = TimeRangeExtractor.extract(condition, 0,
          EvaluationContext.atExecution(System.currentTimeMillis())).intersect(range);
    }
    if (range.isNone()) {
      return null;
    }
    List<String> path = scan.getTable().getQualifiedName();
    // Each tier has its store (ADR-002): DynamoDB hot, Redshift warm, Athena cold.
    return switch (tier) {
      case COLD -> {
        StoredBytes stored = sizes.storedBytes(path, range);
        if (stored == null) {
          yield model.athena(tier, statisticsBytes(scan), -1);
        }
        BranchCost scanned = model.athena(tier, stored.bytes(), stored.partitions());
        if (restoreClass == null || !RESTORABLE.contains(restoreClass)) {
          yield scanned;
        }
        BranchCost restore = model.restore(restoreClass, "STANDARD", stored.bytes(),
            stored.objects());
        yield new BranchCost(tier, scanned.store(), scanned.usd() + restore.usd(),
            scanned.basis() + " " + restore.basis().replace(" bytes=" + stored.bytes(), ""));
      }
      case WARM -> {
        StoredBytes stored = sizes.storedBytes(path, range);
        yield model.redshift(tier, stored != null ? stored.bytes() : statisticsBytes(scan));
      }
      case HOT -> model.dynamodb(tier, statisticsBytes(scan), dynamodbConsistentRead);
    };
  }

  /** Rows times row size of the scan, as the planner's statistics have them. */
  private static long statisticsBytes(TableScan scan) {
    RelMetadataQuery mq = scan.getCluster().getMetadataQuery();
    Double rows = mq.getRowCount(scan);
    Double rowBytes = mq.getAverageRowSize(scan);
    return rows == null || rowBytes == null ? 0 : Math.round(rows * rowBytes);
  }

  private static @Nullable TableScan firstScan(RelNode rel) {
    if (rel instanceof RelSubset subset) {
      RelNode best = subset.getBest();
      return best == null ? null : firstScan(best);
    }
    if (rel instanceof TableScan scan) {
      return scan;
    }
    for (RelNode input : rel.getInputs()) {
      TableScan scan = firstScan(input);
      if (scan != null) {
        return scan;
      }
    }
    return null;
  }
}
