package io.tiergate.planner.rules;

import io.tiergate.planner.cost.BranchCost;
import io.tiergate.planner.cost.CostedBranch;
import io.tiergate.planner.cost.QueryCosting;
import io.tiergate.planner.manifest.ColdStorageRun;
import io.tiergate.planner.manifest.Tier;
import io.tiergate.planner.manifest.TimeSlice;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rex.RexNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The top of one tier's branch of a tiered scan: passes its input through, unless the query's
 * time range, known only at execution (bind parameters, CURRENT_TIMESTAMP), does not meet the
 * tier's slice; then the input is never opened, so the store gets no request at all.
 *
 * <p>{@code timeCondition} is kept over a one-column row whose {@code $0} is the time, so it stays
 * valid as the guard moves up over projections and aggregates that drop or move the time column
 * ({@code timeIndex} is where the time column is in the input now, or -1).
 *
 * @see TierGuardRules
 */
public abstract class TierGuard extends SingleRel implements CostedBranch {
  /** The tiered table this branch belongs to (not in the digest: the input tells them apart). */
  protected final String table;
  protected final Tier tier;
  protected final TimeSlice slice;
  protected final int timeIndex;
  protected final @Nullable RexNode timeCondition;
  /** When pruned, the one row to return (a global aggregate of nothing), or null for none. */
  protected final @Nullable List<Object> emptyRow;
  /** For a cold branch over archived partitions: what to check before reading; else null. */
  protected final @Nullable ArchiveCheck archive;

  protected TierGuard(RelOptCluster cluster, RelTraitSet traits, RelNode input, String table,
      Tier tier, TimeSlice slice, int timeIndex, @Nullable RexNode timeCondition,
      @Nullable List<Object> emptyRow, @Nullable ArchiveCheck archive) {
    super(cluster, traits, input);
    this.table = table;
    this.archive = archive;
    this.tier = tier;
    this.slice = slice;
    this.timeIndex = timeIndex;
    this.timeCondition = timeCondition;
    this.emptyRow = emptyRow;
  }

  public String table() {
    return table;
  }

  public Tier tier() {
    return tier;
  }

  public TimeSlice slice() {
    return slice;
  }

  public int timeIndex() {
    return timeIndex;
  }

  public @Nullable RexNode timeCondition() {
    return timeCondition;
  }

  public @Nullable List<Object> emptyRow() {
    return emptyRow;
  }

  public @Nullable ArchiveCheck archive() {
    return archive;
  }

  /** What reading this branch is estimated to cost, when the gateway gave the planner prices. */
  @Override public @Nullable BranchCost estimatedCost() {
    var context = getCluster().getPlanner().getContext();
    return QueryCosting.of(context).map(costing -> costing.branch(tier, slice, timeCondition,
        getInput(), restoreClass(ArchivedMode.of(context)))).orElse(null);
  }

  /** The class of the archived run this branch reads, when the query would restore it first. */
  private @Nullable String restoreClass(ArchivedMode mode) {
    if (archive == null || mode != ArchivedMode.RESTORE) {
      return null;
    }
    long now = System.currentTimeMillis();
    return archive.runs().stream().filter(run -> run.slice().equals(slice)
        && !run.readableAt(now)).map(ColdStorageRun::storageClass).findFirst().orElse(null);
  }

  public abstract TierGuard copy(RelNode input, int timeIndex, @Nullable RexNode timeCondition,
      @Nullable List<Object> emptyRow);

  @Override public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .item("tier", tier.lowerName())
        .item("slice", slice)
        .itemIf("time", timeCondition, timeCondition != null);
  }
}
