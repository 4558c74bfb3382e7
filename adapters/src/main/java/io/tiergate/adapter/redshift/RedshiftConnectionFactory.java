package io.tiergate.adapter.redshift;

import io.tiergate.adapter.AdmissionGate;
import io.tiergate.adapter.StoreRequests;
import io.tiergate.adapter.jdbc.JdbcStoreSchemas;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Connections to the warm store, from its JDBC URL: Redshift through the Redshift JDBC driver,
 * the local PostgreSQL stand-in through pgjdbc (the Redshift driver sends startup parameters
 * PostgreSQL rejects, ARCHITECTURE section 7).
 *
 * <p>Workload management: on Redshift every pooled connection first runs
 * {@code SET query_group TO '<group>'}, so a WLM queue-assignment rule routes the gateway's
 * queries to their own queue (and the query group shows in STL_QUERY for cost attribution).
 * PostgreSQL has no {@code query_group} parameter and fails the statement, so the stand-in's
 * connections do not send it.
 */
public final class RedshiftConnectionFactory {
  public static final String REDSHIFT_DRIVER = "com.amazon.redshift.jdbc42.Driver";
  public static final String POSTGRES_DRIVER = "org.postgresql.Driver";
  /** The WLM query group when the configuration names none. */
  public static final String DEFAULT_QUERY_GROUP = "tiergate";
  /** Redshift takes any label up to 320 characters; a plain one needs no quoting rules. */
  private static final Pattern QUERY_GROUP = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  /** Which engine a URL reaches. */
  public enum Engine { REDSHIFT, POSTGRESQL }

  private final String url;
  private final Engine engine;
  private final String queryGroup;

  private RedshiftConnectionFactory(String url, Engine engine, String queryGroup) {
    this.url = url;
    this.engine = engine;
    this.queryGroup = queryGroup;
  }

  /**
   * @param url {@code jdbc:redshift://...} or {@code jdbc:postgresql://...}
   * @param queryGroup the WLM query group on Redshift; null for {@link #DEFAULT_QUERY_GROUP}
   */
  public static RedshiftConnectionFactory forUrl(String url, String queryGroup) {
    Objects.requireNonNull(url, "url");
    Engine engine;
    if (url.startsWith("jdbc:redshift:")) {
      engine = Engine.REDSHIFT;
    } else if (url.startsWith("jdbc:postgresql:")) {
      engine = Engine.POSTGRESQL;
    } else {
      throw new IllegalArgumentException("Warm store URL '" + url + "' is neither jdbc:redshift:"
          + " (Redshift) nor jdbc:postgresql: (its local stand-in)");
    }
    String group = queryGroup == null ? DEFAULT_QUERY_GROUP : queryGroup;
    if (!QUERY_GROUP.matcher(group).matches()) {
      throw new IllegalArgumentException("Redshift query group '" + group
          + "' must be 1-64 letters, digits, '_', '.' or '-'");
    }
    return new RedshiftConnectionFactory(url, engine, group);
  }

  public Engine engine() {
    return engine;
  }

  public String driverClass() {
    return engine == Engine.REDSHIFT ? REDSHIFT_DRIVER : POSTGRES_DRIVER;
  }

  /** The statement each new connection runs first, exactly as sent; none on PostgreSQL. */
  public Optional<String> connectionInitSql() {
    return engine == Engine.REDSHIFT
        ? Optional.of("SET query_group TO '" + queryGroup + "'") : Optional.empty();
  }

  /** A pooled DataSource, its requests counted under {@code store}. */
  public DataSource pooled(String store, String user, String password, StoreRequests requests,
      String address) {
    return pooled(store, user, password, requests, address, null);
  }

  /** @param gate the turns queries wait for before they take a connection, or null for none */
  public DataSource pooled(String store, String user, String password, StoreRequests requests,
      String address, AdmissionGate gate) {
    return JdbcStoreSchemas.pooled(store, driverClass(), url, user, password, requests, address,
        connectionInitSql().orElse(null), gate);
  }
}
