package io.tiergate.planner.catalog;

import io.tiergate.planner.QueryRefusedException;
import io.tiergate.planner.manifest.ManifestStore;
import io.tiergate.planner.manifest.Tier;
import io.tiergate.planner.manifest.TierManifest;
import io.tiergate.planner.manifest.TimeSlice;
import io.tiergate.planner.rules.ArchiveCheck;
import io.tiergate.planner.rules.LogicalTierGuard;
import org.checkerframework.checker.nullness.qual.Nullable;
import io.tiergate.planner.rules.TierGuardRules;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.TimestampString;

/**
 * The one table a user sees for data that spans tiers.
 *
 * <p>Planning expands a scan into a UNION ALL of one branch per tier, each branch reading the
 * tier's store table restricted to the tier's slice of the manifest read at that moment. The
 * slice literals are baked into the plan, which is what pins a query to one manifest version:
 * a flip that happens while the query runs cannot make a row appear twice or not at all.
 */
public final class TieredTable extends AbstractTable implements TranslatableTable {
  private final TieredTableSpec spec;
  private final ManifestStore manifests;
  private final @Nullable HotRowWriter hotWriter;

  public TieredTable(TieredTableSpec spec, ManifestStore manifests) {
    this(spec, manifests, null);
  }

  /** @param hotWriter where {@code INSERT} writes; null for a table that cannot be written */
  public TieredTable(TieredTableSpec spec, ManifestStore manifests,
      @Nullable HotRowWriter hotWriter) {
    this.spec = spec;
    this.manifests = manifests;
    this.hotWriter = hotWriter;
  }

  /**
   * What an {@code INSERT} into this table runs. Only INSERT: rows enter through the hot tier
   * and leave through the lifecycle; UPDATE and DELETE would have to change archives.
   */
  public TieredInsert insert() {
    if (hotWriter == null) {
      throw new QueryRefusedException("Table '" + spec.name()
          + "' cannot be written: it has no hot store that accepts writes");
    }
    return new TieredInsert(spec, manifests, hotWriter);
  }


  public TieredTableSpec spec() {
    return spec;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return ColumnSpec.rowType(spec.columns(), typeFactory);
  }

  @Override public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    TierManifest manifest = manifests.current(spec.name());
    TierGuardRules.register(context.getCluster().getPlanner());
    RelBuilder builder = RelBuilder.proto(context).create(context.getCluster(),
        relOptTable.getRelOptSchema());
    RelDataType rowType = relOptTable.getRowType();
    int branches = 0;
    for (Tier tier : Tier.values()) {
      List<String> path = spec.tierPaths().get(tier);
      TimeSlice slice = manifest.slice(tier);
      if (path == null || slice.isEmpty()) {
        continue;
      }
      String dayPartition = spec.dayPartitions().get(tier);
      for (TimeSlice part : parts(manifest, tier)) {
        builder.scan(path);
        if (dayPartition != null) {
          builder.filter(dayPartitionPredicate(builder, dayPartition, part));
        }
        builder.project(logicalColumns(builder, rowType), rowType.getFieldNames(), true);
        builder.filter(slicePredicate(builder, part));
        builder.push(LogicalTierGuard.create(builder.build(), spec.name(), tier, part,
            spec.timeColumnIndex(), archiveCheck(manifest, tier, part, dayPartition)));
        branches++;
      }
    }
    if (branches == 0) {
      return builder.values(rowType).build();
    }
    return builder.union(true, branches).build();
  }

  /**
   * The slices a tier is read in, one branch each: the cold tier is cut at the ends of its
   * archived runs, so that each archived run is a branch of its own that can be left out
   * whole ({@code archived=skip}) without its days ever being asked for; every other tier,
   * and the cold time between archived runs, is one slice.
   */
  static List<TimeSlice> parts(TierManifest manifest, Tier tier) {
    TimeSlice slice = manifest.slice(tier);
    if (tier != Tier.COLD || manifest.archivedRuns().isEmpty()) {
      return List.of(slice);
    }
    List<TimeSlice> parts = new ArrayList<>();
    long from = slice.fromInclusive();
    for (var run : manifest.archivedRuns()) {
      if (run.slice().fromInclusive() > from) {
        parts.add(new TimeSlice(from, run.slice().fromInclusive()));
      }
      parts.add(run.slice());
      from = run.slice().toExclusive();
    }
    if (from < slice.toExclusive()) {
      parts.add(new TimeSlice(from, slice.toExclusive()));
    }
    return parts;
  }

  /** What the branch over an archived run must find restored before it reads; else null. */
  private ArchiveCheck archiveCheck(TierManifest manifest, Tier tier, TimeSlice part,
      String dayPartition) {
    if (tier != Tier.COLD || manifest.archivedRuns().stream()
        .noneMatch(run -> run.slice().equals(part))) {
      return null;
    }
    return new ArchiveCheck(spec.name(), dayPartition, manifest.archivedRuns(),
        manifest.slice(Tier.COLD));
  }

  /** The store table's columns, by name, cast to the logical types so that branches line up. */
  private List<RexNode> logicalColumns(RelBuilder builder, RelDataType rowType) {
    RexBuilder rex = builder.getRexBuilder();
    List<RexNode> projects = new ArrayList<>();
    for (var field : rowType.getFieldList()) {
      RexNode source = builder.field(field.getName());
      projects.add(source.getType().equals(field.getType())
          ? source : rex.makeCast(field.getType(), source, true, false));
    }
    return projects;
  }

  private RexNode slicePredicate(RelBuilder builder, TimeSlice slice) {
    RexBuilder rex = builder.getRexBuilder();
    RexNode time = builder.field(spec.timeColumn());
    List<RexNode> bounds = new ArrayList<>();
    if (slice.hasLowerBound()) {
      bounds.add(rex.makeCall(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, time,
          timestamp(rex, slice.fromInclusive())));
    }
    if (slice.hasUpperBound()) {
      bounds.add(rex.makeCall(SqlStdOperatorTable.LESS_THAN, time,
          timestamp(rex, slice.toExclusive())));
    }
    return bounds.isEmpty() ? rex.makeLiteral(true) : builder.and(bounds);
  }

  /**
   * The days of a slice on a store partitioned by UTC day ({@code dt} as {@code YYYY-MM-DD}):
   * Athena prunes by partition columns only, so without it a query would list every day.
   */
  private static RexNode dayPartitionPredicate(RelBuilder builder, String column,
      TimeSlice slice) {
    List<RexNode> bounds = new ArrayList<>();
    RexNode day = builder.field(column);
    if (slice.hasLowerBound()) {
      bounds.add(builder.greaterThanOrEqual(day, builder.literal(utcDay(slice.fromInclusive()))));
    }
    if (slice.hasUpperBound()) {
      bounds.add(builder.lessThanOrEqual(day, builder.literal(utcDay(slice.toExclusive() - 1))));
    }
    return bounds.isEmpty() ? builder.literal(true) : builder.and(bounds);
  }

  private static String utcDay(long millis) {
    return java.time.LocalDate.ofInstant(java.time.Instant.ofEpochMilli(millis),
        java.time.ZoneOffset.UTC).toString();
  }

  private static RexNode timestamp(RexBuilder rex, long millis) {
    return rex.makeTimestampLiteral(TimestampString.fromMillisSinceEpoch(millis), 3);
  }
}
