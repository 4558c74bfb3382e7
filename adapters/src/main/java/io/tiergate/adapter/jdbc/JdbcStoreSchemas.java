package io.tiergate.adapter.jdbc;

import io.tiergate.adapter.AdmissionGate;
import io.tiergate.adapter.StoreRequests;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.sql.SqlDialect;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Builds the Calcite JDBC schemas of the SQL stores (Redshift, Athena's engine). Filters,
 * projections, aggregates, sorts and joins within one store go down as one statement through
 * Calcite's JDBC convention with the store's dialect, set explicitly: auto-detection falls back
 * to a generic dialect whose SQL Trino rejects. Parameters are bound with the plan's types
 * ({@link PlanTypedJdbcConvention}).
 */
public final class JdbcStoreSchemas {
  private JdbcStoreSchemas() {
  }

  /**
   * @param schemaName the name under which the schema is added to every connection's root
   *     schema; generated code finds the DataSource there, so it must match
   */
  public static JdbcSchema create(String schemaName, DataSource dataSource, SqlDialect dialect,
      String catalog, String schema) {
    // The expression depends only on the path from the root, not on this throwaway root.
    Expression expression = Schemas.subSchemaExpression(
        CalciteSchema.createRootSchema(false, false).plus(), schemaName, JdbcSchema.class);
    JdbcConvention convention = new PlanTypedJdbcConvention(dialect, expression, schemaName);
    return new JdbcSchema(dataSource, dialect, convention, catalog, schema);
  }

  /** A pooled DataSource whose requests are counted under {@code store}. */
  public static DataSource pooled(String store, String driverClass, String url, String user,
      String password, StoreRequests requests, String address) {
    return pooled(store, driverClass, url, user, password, requests, address, null);
  }

  /**
   * @param connectionInitSql a statement every new pooled connection runs first (Redshift's
   *     WLM query group), or null
   */
  public static DataSource pooled(String store, String driverClass, String url, String user,
      String password, StoreRequests requests, String address, String connectionInitSql) {
    return pooled(store, driverClass, url, user, password, requests, address, connectionInitSql,
        null);
  }

  /**
   * @param gate the turns queries wait for before they take a connection, or null for none; the
   *     pool holds as many connections as the gate gives turns (else 16)
   */
  public static DataSource pooled(String store, String driverClass, String url, String user,
      String password, StoreRequests requests, String address, String connectionInitSql,
      AdmissionGate gate) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(store);
    config.setDriverClassName(driverClass);
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(gate == null ? 16 : gate.limits().connections());
    config.setMinimumIdle(0);
    // A store that is down or hung must fail the query within 5 s, naming the store: 4 s to
    // get a connection (a host that accepts and never answers the login included; with a gate
    // the query waits for its turn first, so these 4 s are never spent waiting for a busy
    // connection to come back), and for
    // Trino 3 s for any one of its HTTP requests, retries included (its defaults: 30 s a try,
    // 2 minutes of retries). A running Trino query answers each poll within about a second;
    // the warm store gets no socket timeout, its long aggregates are legitimate.
    config.setConnectionTimeout(4_000);
    Duration networkTimeout = null;
    if (driverClass.equals("io.trino.jdbc.TrinoDriver")) {
      config.addDataSourceProperty("timeout", "3s");
      networkTimeout = Duration.ofSeconds(3);
    } else if (driverClass.equals("org.postgresql.Driver")) {
      config.addDataSourceProperty("loginTimeout", "4"); // frees the pool's connecting thread
    }
    config.setInitializationFailTimeout(-1);
    // HikariCP's own pool meters (hikaricp_connections_active, _pending, _timeout_total ...),
    // tagged with the pool's name, which is the store's.
    config.setMetricRegistry(requests.registry());
    if (connectionInitSql != null) {
      config.setConnectionInitSql(connectionInitSql);
    }
    return new CountingDataSource(new HikariDataSource(config), requests, store, address,
        networkTimeout, gate);
  }
}
