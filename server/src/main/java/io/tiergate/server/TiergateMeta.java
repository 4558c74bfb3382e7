package io.tiergate.server;

import io.tiergate.planner.cache.CachingPrepare;
import io.tiergate.planner.cache.PlanCache;
import io.tiergate.server.catalog.GatewayCatalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.Driver;

/**
 * Avatica's JDBC-backed Meta over one Calcite connection per client connection, each seeing
 * the shared catalog. Client-supplied properties are filtered: a remote client must not be able
 * to set Calcite properties such as {@code model} that would read files on the server.
 */
final class TiergateMeta extends JdbcMeta {
  private static final String CALCITE_URL = "jdbc:calcite:";

  private final GatewayCatalog catalog;
  private final Driver driver;

  TiergateMeta(GatewayCatalog catalog, PlanCache plans) throws SQLException {
    super(CALCITE_URL, calciteProperties());
    this.catalog = catalog;
    CachingPrepare prepare = new CachingPrepare(plans);
    this.driver = new Driver().withPrepareFactory(() -> prepare);
  }

  static Properties calciteProperties() {
    Properties p = new Properties();
    // SQL as BI tools write it: unquoted names match case-insensitively, nothing upper-cased.
    p.setProperty("caseSensitive", "false");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("quotedCasing", "UNCHANGED");
    p.setProperty("quoting", "DOUBLE_QUOTE");
    p.setProperty("timeZone", "UTC");
    // Calcite's Babel parser: the standard grammar, but with keywords usable as names, as BI
    // tools write them (metrics.value; the default parser reserves VALUE).
    p.setProperty("parserFactory",
        "org.apache.calcite.sql.parser.babel.SqlBabelParserImpl#FACTORY");
    return p;
  }

  /** A connection as a client gets one, in this process (benchmarks, embedding). */
  Connection open(Properties info) throws SQLException {
    return createConnection(CALCITE_URL, info);
  }

  @Override public ExecuteResult prepareAndExecute(StatementHandle h, String sql,
      long maxRowCount, int maxRowsInFirstFrame, PrepareCallback callback)
      throws NoSuchStatementException {
    return super.prepareAndExecute(h, ProcedureCall.rewrite(sql), maxRowCount,
        maxRowsInFirstFrame, callback);
  }

  @Override public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    return super.prepare(ch, ProcedureCall.rewrite(sql), maxRowCount);
  }

  @Override protected Connection createConnection(String url, Properties info)
      throws SQLException {
    Properties allowed = calciteProperties();
    for (String key : new String[] {"user", "password"}) {
      if (info.getProperty(key) != null) {
        allowed.setProperty(key, info.getProperty(key));
      }
    }
    CalciteConnection connection = driver.connect(CALCITE_URL, allowed)
        .unwrap(CalciteConnection.class);
    catalog.install(connection.getRootSchema());
    return connection;
  }
}
