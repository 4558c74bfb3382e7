package io.tiergate.planner.catalog;

import io.tiergate.planner.cache.CachingPrepare;
import io.tiergate.planner.cache.PlanCache;
import io.tiergate.planner.manifest.ManifestStore;
import io.tiergate.planner.manifest.Tier;
import io.tiergate.planner.manifest.TierManifest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The gateway's {@code events} table in miniature, planned as the gateway plans it: the demo's
 * seven columns over three in-memory stores (cold days 0..99, warm 100..199, hot from day 200,
 * every store also holding rows of its neighbours' slices), plus {@code plain.events} with every
 * owned row in one ordinary table, the oracle.
 *
 * <p>Calcite's JDBC rules are registered as the gateway's Redshift and Athena stores register
 * them. They matter to planning even over in-memory stores: they give every set JDBC subsets
 * without a best rel, whose row counts Volcano asks through the sets' original rels (a
 * {@code JdbcUnion} over them computes its cost while sets merge); without them a cycle among
 * those rels goes unnoticed.
 */
final class MiniatureEvents {
  static final long DAY = 86_400_000L;
  static final long WARM_FLOOR = 100 * DAY;
  static final long HOT_FLOOR = 200 * DAY;
  static final List<ColumnSpec> COLUMNS = List.of(new ColumnSpec("tenant_id", SqlTypeName.VARCHAR),
      new ColumnSpec("event_id", SqlTypeName.VARCHAR),
      new ColumnSpec("event_time", SqlTypeName.TIMESTAMP),
      new ColumnSpec("kind", SqlTypeName.VARCHAR), new ColumnSpec("amount", SqlTypeName.DOUBLE),
      new ColumnSpec("user_id", SqlTypeName.VARCHAR), new ColumnSpec("region", SqlTypeName.VARCHAR));
  private static final String[] KINDS = {"purchase", "view", "refund", "click"};
  private static final String[] REGIONS = {"eu-west-1", "us-east-1", "ap-south-1"};
  private static final JdbcConvention WARM = JdbcConvention.of(PostgresqlSqlDialect.DEFAULT,
      Expressions.constant(null), "redshift");
  private static final JdbcConvention COLD = JdbcConvention.of(PostgresqlSqlDialect.DEFAULT,
      Expressions.constant(null), "athena");

  private MiniatureEvents() {
  }

  /** Every second day from day 0 to 299, three events a day; amounts missing for views. */
  static List<Object[]> rows() {
    List<Object[]> rows = new ArrayList<>();
    for (int day = 0; day < 300; day += 2) {
      for (int i = 0; i < 3; i++) {
        int n = day * 3 + i;
        String kind = KINDS[n % KINDS.length];
        rows.add(new Object[] {"tenant-0" + n % 5, "e-" + n, day * DAY + i * 7_200_000L + n,
            kind, kind.equals("view") ? null : (double) (n % 97) + 0.5, "user-" + n % 11,
            REGIONS[n % REGIONS.length]});
      }
    }
    return rows;
  }

  /** A connection (UTC, the gateway's parser settings) with both tables. */
  static Connection connect() throws SQLException {
    TierManifest manifest = new TierManifest("events", 1, 0, WARM_FLOOR, HOT_FLOOR);
    Properties p = new Properties();
    p.setProperty("caseSensitive", "false");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("timeZone", "UTC");
    CachingPrepare prepare = new CachingPrepare(new PlanCache(100, manifest::version));
    Connection c = new org.apache.calcite.jdbc.Driver().withPrepareFactory(() -> prepare)
        .connect("jdbc:calcite:", p);
    SchemaPlus root = c.unwrap(CalciteConnection.class).getRootSchema();
    Map<Tier, List<String>> paths = new EnumMap<>(Tier.class);
    for (Tier tier : Tier.values()) {
      // Each store holds all rows: the slice filters must keep each to the tier owning it.
      RowListTable store = new RowListTable(COLUMNS, rows());
      root.add(tier.lowerName(), schemaOf(store));
      paths.put(tier, List.of(tier.lowerName(), "events"));
    }
    root.add("plain", schemaOf(new RowListTable(COLUMNS, rows())));
    ManifestStore manifests = new ManifestStore() {
      @Override public TierManifest current(String table) {
        return manifest;
      }

      @Override public void write(TierManifest next) {
        throw new UnsupportedOperationException();
      }
    };
    root.add("events", new TieredTable(new TieredTableSpec("events", "event_time",
        List.of("tenant_id", "event_id"), COLUMNS, paths), manifests));
    return c;
  }

  /**
   * While open, the JDBC stores' rules are in every planner made on this thread; all but the one
   * for VALUES, the only JDBC leaf there would be here: no plan can be whole in these
   * conventions (they have no data source), so none is chosen.
   */
  static Hook.Closeable withJdbcStoreRules() {
    return Hook.PLANNER.addThread((RelOptPlanner planner) -> {
      for (JdbcConvention store : List.of(WARM, COLD)) {
        JdbcRules.rules(store).stream().filter(rule -> !(rule instanceof JdbcRules.JdbcValuesRule))
            .forEach(planner::addRule);
      }
    });
  }

  /** The text of a TIMESTAMP literal for an instant of the fixture (UTC wall clock). */
  static String timestamp(long millis) {
    return DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS").format(
        LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC));
  }

  private static AbstractSchema schemaOf(RowListTable table) {
    return new AbstractSchema() {
      @Override protected Map<String, org.apache.calcite.schema.Table> getTableMap() {
        return Map.of("events", table);
      }
    };
  }
}
