package io.tiergate.planner.catalog;

import io.tiergate.planner.cache.CachingPrepare;
import io.tiergate.planner.cost.CostLimit;
import io.tiergate.planner.cost.QueryCosting;
import io.tiergate.planner.cache.PlanCache;
import io.tiergate.planner.manifest.ManifestStore;
import io.tiergate.planner.manifest.Tier;
import io.tiergate.planner.manifest.TierManifest;
import io.tiergate.planner.rules.ArchivedMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.BeforeEach;

/**
 * A tiered table over three in-memory stores (one per tier, each also holding rows outside its
 * slice, as mid-migration), planned as the gateway plans; the tests of the tiered table extend it.
 */
abstract class TieredTableFixture {
  static final List<ColumnSpec> COLUMNS = List.of(new ColumnSpec("id", SqlTypeName.VARCHAR),
      new ColumnSpec("t", SqlTypeName.TIMESTAMP), new ColumnSpec("v", SqlTypeName.DOUBLE));
  static final long DAY = 86_400_000L;
  static final long COLD_FLOOR = 0;
  static final long WARM_FLOOR = 100 * DAY;
  static final long HOT_FLOOR = 200 * DAY;

  /** The cold store is partitioned by day, like the Athena table. */
  static final List<ColumnSpec> COLD_COLUMNS = List.of(new ColumnSpec("id", SqlTypeName.VARCHAR),
      new ColumnSpec("t", SqlTypeName.TIMESTAMP), new ColumnSpec("v", SqlTypeName.DOUBLE),
      new ColumnSpec("dt", SqlTypeName.VARCHAR));

  static Object[] row(boolean cold, String id, long t) {
    return cold ? new Object[] {id, t, 1.0, java.time.LocalDate.ofEpochDay(t / DAY).toString()}
        : new Object[] {id, t, 1.0};
  }

  final Map<Tier, RowListTable> stores = new java.util.EnumMap<>(Tier.class);
  TierManifest manifest = new TierManifest("events", 1, COLD_FLOOR, WARM_FLOOR, HOT_FLOOR);
  /** What INSERT handed to the hot store's writer, batch by batch. */
  final List<List<Object[]>> inserted = new ArrayList<>();

  @BeforeEach void stores() {
    // Every store also holds rows outside its slice (as mid-migration): the slice filter must
    // keep each row to exactly one tier.
    for (Tier tier : Tier.values()) {
      boolean cold = tier == Tier.COLD;
      List<Object[]> rows = new ArrayList<>();
      for (long day = 0; day < 300; day += 10) {
        rows.add(row(cold, tier + "-" + day, day * DAY));
      }
      rows.add(row(cold, tier + "-edge", tier == Tier.HOT ? HOT_FLOOR : WARM_FLOOR));
      stores.put(tier, new RowListTable(cold ? COLD_COLUMNS : COLUMNS, rows));
    }
  }

  Connection connect() throws Exception {
    return connect(ArchivedMode.FAIL);
  }

  /** A connection whose queries treat archived partitions as the gateway's option says. */
  Connection connect(ArchivedMode archived) throws Exception {
    return connect(archived, null, null);
  }

  /**
   * A connection planned with {@code costing} (null: no prices, as without a gateway) and the
   * option {@code max_cost_usd} (null: none).
   */
  Connection connect(ArchivedMode archived, QueryCosting costing, String maxCostUsd)
      throws Exception {
    Properties p = new Properties();
    if (maxCostUsd != null) {
      p.setProperty(CostLimit.PROPERTY, maxCostUsd);
    }
    p.setProperty(ArchivedMode.PROPERTY, archived.name());
    p.setProperty("caseSensitive", "false");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("timeZone", "UTC");
    // Prepared as the gateway prepares (plan cache keyed by the manifest version).
    CachingPrepare prepare = new CachingPrepare(new PlanCache(100, () -> manifest.version()),
        costing);
    Connection c = new org.apache.calcite.jdbc.Driver().withPrepareFactory(() -> prepare)
        .connect("jdbc:calcite:", p);
    SchemaPlus root = c.unwrap(CalciteConnection.class).getRootSchema();
    Map<Tier, List<String>> paths = new java.util.EnumMap<>(Tier.class);
    for (Tier tier : Tier.values()) {
      RowListTable table = stores.get(tier);
      root.add(tier.lowerName(), new AbstractSchema() {
        @Override protected Map<String, org.apache.calcite.schema.Table> getTableMap() {
          return Map.of("events", table);
        }
      });
      paths.put(tier, List.of(tier.lowerName(), "events"));
    }
    ManifestStore manifests = new ManifestStore() {
      @Override public TierManifest current(String table) {
        return manifest;
      }

      @Override public void write(TierManifest next) {
        throw new UnsupportedOperationException();
      }
    };
    root.add("events", new TieredTable(new TieredTableSpec("events", "t", List.of("id"),
        COLUMNS, paths, Map.of(Tier.COLD, "dt")), manifests, rows -> {
          inserted.add(rows);
          return rows.size();
        }));
    return c;
  }

  String explain(String sql) throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  static final java.util.Calendar UTC = java.util.Calendar.getInstance(
      java.util.TimeZone.getTimeZone("UTC"));

  static Timestamp ts(long millis) {
    return new Timestamp(millis);
  }
}
