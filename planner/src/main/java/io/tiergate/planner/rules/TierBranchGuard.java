package io.tiergate.planner.rules;

import io.tiergate.planner.exec.ExecutionScope;
import io.tiergate.planner.exec.GuardedBranch;
import io.tiergate.planner.exec.TierRead;
import io.tiergate.planner.manifest.ColdStorageRun;
import io.tiergate.planner.manifest.Tier;
import io.tiergate.planner.manifest.TimeSlice;
import io.tiergate.planner.range.EvaluationContext;
import io.tiergate.planner.range.TimeRangeExtractor;
import io.tiergate.planner.range.TimeRangeSet;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rex.RexNode;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a generated plan calls to decide, as a statement starts, whether one tier's branch can
 * hold any row of the query's time range, with bind parameters and the statement's
 * CURRENT_TIMESTAMP known.
 */
public final class TierBranchGuard implements GuardedBranch.Guard {
  private static final Logger LOG = LoggerFactory.getLogger(TierBranchGuard.class);
  private final String table;
  private final Tier tier;
  private final TimeSlice slice;
  private final @Nullable RexNode timeCondition;
  private final @Nullable List<Object> emptyRow;
  private final boolean scalar;
  private final @Nullable ArchiveCheck archive;
  private final int parameterCount;

  TierBranchGuard(String table, Tier tier, TimeSlice slice, @Nullable RexNode timeCondition,
      @Nullable List<Object> emptyRow, boolean scalar, @Nullable ArchiveCheck archive) {
    this.table = table;
    this.tier = tier;
    this.slice = slice;
    this.timeCondition = timeCondition;
    this.emptyRow = emptyRow;
    this.scalar = scalar;
    this.archive = archive;
    this.parameterCount = timeCondition == null ? 0
        : EvaluationContext.parameterCount(List.of(timeCondition));
  }

  /**
   * The query's time within the slice, as far as {@code context} knows it ({@code null}
   * condition: the whole slice).
   */
  static TimeRangeSet wanted(@Nullable RexNode condition, TimeSlice slice,
      EvaluationContext context) {
    TimeRangeSet all = TimeRangeSet.of(slice);
    return condition == null ? all
        : TimeRangeExtractor.extract(condition, 0, context).intersect(all);
  }

  /**
   * Fails when the branch would need archived partitions that are not restored; at planning
   * only when the time range is known without bind values (a later execution checks again).
   * Under {@link ArchivedMode#SKIP} nothing fails: the execution leaves them out.
   */
  static void checkArchive(@Nullable ArchiveCheck archive, @Nullable RexNode condition,
      ArchivedMode mode) {
    if (archive != null && mode != ArchivedMode.SKIP && (condition == null
        || EvaluationContext.parameterCount(List.of(condition)) == 0)) {
      long now = System.currentTimeMillis();
      archive.check(wanted(condition, archive.cold(), EvaluationContext.atExecution(now)), now);
    }
  }

  /** Whether rows with a time satisfying {@code condition} ({@code $0}) may lie in {@code slice}. */
  static boolean mayMeet(RexNode condition, TimeSlice slice, @Nullable EvaluationContext context) {
    return TimeRangeExtractor.extract(condition, 0,
        context == null ? EvaluationContext.PLAN_TIME : context).overlaps(slice);
  }

  /**
   * Whether the branch must be read; throws {@link
   * io.tiergate.planner.manifest.ArchivedDataException} when the query needs archived
   * partitions that are not restored, unless its connection skips them: then a branch over
   * such a run is not read, and the days it would have read are logged for the warning.
   */
  @Override public boolean allows(DataContext root) {
    EvaluationContext context = EvaluationContext.fromDataContext(root, parameterCount);
    TimeRangeSet wanted = wanted(timeCondition, slice, context);
    if (archive != null) {
      List<ColdStorageRun> unreadable = archive.check(
          wanted(timeCondition, archive.cold(), context), System.currentTimeMillis(),
          ArchivedMode.of(root));
      List<SkippedArchive> skipped = unreadable.stream()
          .filter(run -> !run.slice().intersect(slice).isEmpty())
          .map(run -> new SkippedArchive(archive.table(), archive.partitionColumn(), run))
          .toList();
      if (!skipped.isEmpty()) {
        LOG.debug("Skipping {} of the cold branch {} (archived=skip)", skipped, this);
        SkippedArchiveLog.record(root, skipped);
        return false;
      }
    }
    if (wanted.isNone()) {
      return false;
    }
    ExecutionScope.read(new TierRead(table, tier, wanted));
    return true;
  }

  /**
   * Counts the read of a branch read whatever its time range (nothing to decide, or no row to
   * return when pruned): the part of its slice the statement's time condition selects.
   */
  public void recordRead(DataContext root) {
    TimeRangeSet wanted = wanted(timeCondition, slice,
        EvaluationContext.fromDataContext(root, parameterCount));
    if (!wanted.isNone()) {
      ExecutionScope.read(new TierRead(table, tier, wanted));
    }
  }

  /**
   * For a branch whose pruned result cannot be built: it cannot leave archived days out, so it
   * refuses them in every mode, {@code archived=skip} included, rather than read them.
   */
  public void requireReadable(DataContext root) {
    if (archive != null) {
      archive.check(wanted(timeCondition, archive.cold(),
          EvaluationContext.fromDataContext(root, parameterCount)), System.currentTimeMillis());
    }
    recordRead(root);
  }

  @Override public boolean prunesToNothing() {
    return emptyRow == null;
  }

  @Override public Enumerable<Object> pruned() {
    if (emptyRow == null) {
      return Linq4j.emptyEnumerable();
    }
    return Linq4j.singletonEnumerable(scalar ? emptyRow.get(0) : emptyRow.toArray());
  }

  @Override public String toString() {
    return "TierBranchGuard(" + tier.lowerName() + " " + slice + ")";
  }
}
