package io.tiergate.planner.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiergate.planner.catalog.ColumnSpec;
import io.tiergate.planner.catalog.RowListTable;
import io.tiergate.planner.catalog.TieredTable;
import io.tiergate.planner.catalog.TieredTableSpec;
import io.tiergate.planner.manifest.ManifestStore;
import io.tiergate.planner.manifest.Tier;
import io.tiergate.planner.manifest.TierManifest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The plan cache in front of Calcite's preparation, over a tiered table of in-memory stores. */
class CachingPrepareTest {
  private static final List<ColumnSpec> COLUMNS = List.of(
      new ColumnSpec("id", SqlTypeName.VARCHAR), new ColumnSpec("t", SqlTypeName.TIMESTAMP));
  private static final long DAY = 86_400_000L;
  private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

  private final Map<Tier, RowListTable> stores = new EnumMap<>(Tier.class);
  private final AtomicReference<TierManifest> manifest = new AtomicReference<>(
      new TierManifest("events", 1, 0, 100 * DAY, 200 * DAY));
  private final ManifestStore manifests = new ManifestStore() {
    @Override public TierManifest current(String table) {
      return manifest.get();
    }

    @Override public void write(TierManifest next) {
      manifest.set(next);
    }
  };
  private PlanCache cache;
  private Driver driver;

  @BeforeEach void setUp() {
    // Every store holds a row for every tenth day of 0..290, named after the store: which
    // names come back tells which store answered for which days.
    for (Tier tier : Tier.values()) {
      List<Object[]> rows = new ArrayList<>();
      for (long day = 0; day < 300; day += 10) {
        rows.add(new Object[] {tier + "-" + day, day * DAY});
      }
      stores.put(tier, new RowListTable(COLUMNS, rows));
    }
    cache = new PlanCache(100, () -> manifest.get().version());
    CachingPrepare prepare = new CachingPrepare(cache);
    driver = new Driver().withPrepareFactory(() -> prepare);
  }

  private Connection connect() throws SQLException {
    Properties p = new Properties();
    p.setProperty("caseSensitive", "false");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("timeZone", "UTC");
    Connection c = driver.connect("jdbc:calcite:", p);
    SchemaPlus root = c.unwrap(CalciteConnection.class).getRootSchema();
    Map<Tier, List<String>> paths = new EnumMap<>(Tier.class);
    for (Tier tier : Tier.values()) {
      RowListTable table = stores.get(tier);
      root.add(tier.lowerName(), new AbstractSchema() {
        @Override protected Map<String, org.apache.calcite.schema.Table> getTableMap() {
          return Map.of("events", table);
        }
      });
      paths.put(tier, List.of(tier.lowerName(), "events"));
    }
    root.add("events", new TieredTable(new TieredTableSpec("events", "t", List.of("id"),
        COLUMNS, paths, Map.of()), manifests));
    return c;
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test void aStatementSeenBeforeIsNotPlannedAgainOnAnyConnection() throws SQLException {
    String sql = "SELECT COUNT(*) FROM events WHERE id LIKE 'HOT-%'";
    try (Connection first = connect(); Connection second = connect()) {
      assertThat(count(first, sql)).isEqualTo(10);
      assertThat(count(second, sql)).isEqualTo(10);
      assertThat(count(second, sql)).isEqualTo(10);
    }
    assertThat(cache.cache().stats().missCount()).isEqualTo(1);
    assertThat(cache.cache().stats().hitCount()).isEqualTo(2);
  }

  @Test void theKeyIsTheExactTextAndRowCap() throws SQLException {
    try (Connection c = connect()) {
      count(c, "SELECT COUNT(*) FROM events");
      count(c, "SELECT  COUNT(*) FROM events");
      try (Statement s = c.createStatement()) {
        s.setMaxRows(5);
        s.executeQuery("SELECT COUNT(*) FROM events").close();
      }
    }
    assertThat(cache.cache().stats().hitCount()).isZero();
    assertThat(cache.size()).isEqualTo(3);
  }

  @Test void aManifestFlipDropsEveryPlanAndTheNextRunReadsTheNewSlices() throws SQLException {
    String sql = "SELECT COUNT(*) FROM events WHERE id LIKE 'HOT-%'";
    try (Connection c = connect()) {
      assertThat(count(c, sql)).isEqualTo(10); // days 200..290
      count(c, "SELECT COUNT(*) FROM events WHERE id LIKE 'WARM-%'");
      assertThat(cache.size()).isEqualTo(2);
      manifests.write(manifest.get().next(0, 100 * DAY, 150 * DAY));
      assertThat(count(c, sql)).isEqualTo(15); // days 150..290 now
    }
    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.cache().stats().hitCount()).isZero();
  }

  @Test void aPreparedStatementPlansOnceAndPrunesTiersAtEachExecution() throws SQLException {
    try (Connection c = connect(); PreparedStatement p = c.prepareStatement(
        "SELECT COUNT(*) FROM events WHERE t >= ?")) {
      p.setTimestamp(1, new Timestamp(250 * DAY), UTC);
      assertThat(single(p)).isEqualTo(5); // hot days 250..290
      assertThat(stores.get(Tier.HOT).scans).hasValue(1);
      assertThat(stores.get(Tier.WARM).scans).hasValue(0);
      assertThat(stores.get(Tier.COLD).scans).hasValue(0);
      p.setTimestamp(1, new Timestamp(50 * DAY), UTC);
      assertThat(single(p)).isEqualTo(25); // days 50..290 from their owners
      assertThat(stores.get(Tier.COLD).scans).hasValue(1);
    }
    assertThat(cache.cache().stats().missCount()).isEqualTo(1);
  }

  private static long single(PreparedStatement p) throws SQLException {
    try (ResultSet rs = p.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test void aPlanMadeWhileTheManifestMovedIsNotKept() {
    AtomicLong version = new AtomicLong(1);
    PlanCache moving = new PlanCache(10, version::get);
    PlanCache.Key key = moving.keyFor("SELECT 1", List.of(), -1);
    version.set(2);
    moving.put(key, someSignature());
    assertThat(moving.size()).isZero();
  }

  @Test void nothingIsReusedWhileTheVersionCannotBeRead() {
    PlanCache unknown = new PlanCache(10, () -> null);
    PlanCache.Key key = unknown.keyFor("SELECT 1", List.of(), -1);
    unknown.put(key, someSignature());
    assertThat(unknown.size()).isZero();
    assertThat(unknown.get(key)).isNull();
  }

  private static org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature<Object> someSignature() {
    return new org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature<>("SELECT 1", List.of(),
        Map.of(), null, List.of(), null, null, List.of(), -1, null);
  }
}
