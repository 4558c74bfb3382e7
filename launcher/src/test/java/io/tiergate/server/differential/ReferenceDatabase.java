package io.tiergate.server.differential;

import io.tiergate.server.TestGateway;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Iterator;
import java.util.List;

/**
 * The differential suite's oracle: the gateway's whole dataset, every row regardless of tier, in
 * one plain PostgreSQL table {@code reference.events} (in the PostgreSQL stand-in, next to the
 * warm tier), plus the dimension table {@code tenants}, created both as
 * {@code reference.tenants} and as {@code analytics.tenants}, which the gateway sees as
 * {@code redshift.tenants} (its redshift store schema maps the PostgreSQL schema
 * {@code analytics}).
 *
 * <p>Text columns of the reference use the "C" collation: the gateway compares strings by their
 * code points (Calcite's semantics), whatever the database's default collation is.
 *
 * <p>Loaded once per test JVM, for the one {@link TestGateway} of that JVM.
 */
public final class ReferenceDatabase {
  public static final String SCHEMA = "reference";
  public static final int TENANTS = 50;
  private static final String[] PLANS = {"free", "team", "business", "enterprise"};

  private static ReferenceDatabase loaded;

  private final String url;
  private final String user;
  private final String password;
  private final TestGateway gateway;
  private final long rows;

  private ReferenceDatabase(TestGateway gateway, long rows) {
    this.gateway = gateway;
    this.url = gateway.stack().postgresJdbcUrl();
    this.user = gateway.stack().postgresUser();
    this.password = gateway.stack().postgresPassword();
    this.rows = rows;
  }

  /** The reference of this JVM's gateway, loading it on first use. */
  public static synchronized ReferenceDatabase of(TestGateway gateway) {
    if (loaded == null || loaded.gateway != gateway) {
      loaded = new ReferenceDatabase(gateway, load(gateway));
    }
    return loaded;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  /** How many dataset rows the reference holds. */
  public long rows() {
    return rows;
  }

  /** The dimension rows: tenant_id, name, plan (NULL for every tenth tenant). */
  public static List<Object[]> tenants() {
    List<Object[]> tenants = new java.util.ArrayList<>();
    for (int i = 0; i < TENANTS; i++) {
      tenants.add(new Object[] {String.format("tenant-%02d", i),
          String.format("Tenant %02d %s", i, i % 3 == 0 ? "Inc" : "Ltd"),
          i % 10 == 9 ? null : PLANS[i % PLANS.length]});
    }
    return tenants;
  }

  /** Inserts rows of the dataset's shape into {@code table} in batches. */
  static int insertEvents(Connection pg, String table, Iterator<Object[]> rows)
      throws SQLException {
    int n = 0;
    try (PreparedStatement insert = pg.prepareStatement("INSERT INTO " + table
        + " (tenant_id, event_id, event_time, kind, amount, user_id, region)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      while (rows.hasNext()) {
        Object[] row = rows.next();
        insert.setString(1, (String) row[0]);
        insert.setString(2, (String) row[1]);
        insert.setObject(3, SliceEdges.wallClock((Long) row[2]));
        insert.setString(4, (String) row[3]);
        insert.setObject(5, row[4], Types.DOUBLE);
        insert.setString(6, (String) row[5]);
        insert.setString(7, (String) row[6]);
        insert.addBatch();
        if (++n % 2_000 == 0) {
          insert.executeBatch();
        }
      }
      insert.executeBatch();
    }
    return n;
  }

  private static long load(TestGateway gateway) {
    String url = gateway.stack().postgresJdbcUrl();
    try (Connection pg = DriverManager.getConnection(url
            + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true",
        gateway.stack().postgresUser(), gateway.stack().postgresPassword())) {
      try (Statement ddl = pg.createStatement()) {
        ddl.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
        ddl.execute("DROP TABLE IF EXISTS " + SCHEMA + ".events");
        ddl.execute("CREATE TABLE " + SCHEMA + ".events ("
            + "tenant_id varchar(64) COLLATE \"C\" NOT NULL, "
            + "event_id varchar(64) COLLATE \"C\" NOT NULL, "
            + "event_time timestamp(3) NOT NULL, kind varchar(32) COLLATE \"C\", "
            + "amount double precision, user_id varchar(64) COLLATE \"C\", "
            + "region varchar(32) COLLATE \"C\", PRIMARY KEY (tenant_id, event_id))");
        for (String schema : List.of(SCHEMA, "analytics")) {
          String collate = schema.equals(SCHEMA) ? " COLLATE \"C\"" : "";
          ddl.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
          ddl.execute("DROP TABLE IF EXISTS " + schema + ".tenants");
          ddl.execute("CREATE TABLE " + schema + ".tenants (tenant_id varchar(64)" + collate
              + " PRIMARY KEY, name varchar(64)" + collate + ", plan varchar(32)" + collate
              + ")");
        }
      }
      pg.setAutoCommit(false);
      long rows = insertEvents(pg, SCHEMA + ".events", gateway.dataset().events());
      for (String schema : List.of(SCHEMA, "analytics")) {
        try (PreparedStatement insert = pg.prepareStatement("INSERT INTO " + schema
            + ".tenants VALUES (?, ?, ?)")) {
          for (Object[] tenant : tenants()) {
            for (int i = 0; i < 3; i++) {
              insert.setString(i + 1, (String) tenant[i]);
            }
            insert.addBatch();
          }
          insert.executeBatch();
        }
      }
      pg.commit();
      pg.setAutoCommit(true);
      try (Statement analyze = pg.createStatement()) {
        analyze.execute("ANALYZE " + SCHEMA + ".events");
        analyze.execute("ANALYZE " + SCHEMA + ".tenants");
        analyze.execute("ANALYZE analytics.tenants");
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("Loading the reference into PostgreSQL at " + url
          + " failed: " + e.getMessage(), e);
    }
  }
}
