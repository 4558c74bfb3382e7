package io.tiergate.server.config;

import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a store's JDBC URL has a driver on the classpath, asked of the drivers themselves
 * ({@link Driver#acceptsURL} parses, it does not connect). A Redshift URL without the Redshift
 * driver would otherwise pass the file's checks and fail only once the gateway first reaches for
 * the warm tier.
 */
final class JdbcDrivers {
  /**
   * Subprotocols to try on each driver, only to tell the operator which schemes the drivers here
   * do serve (drivers cannot list them); a driver serving none of them is named by its class.
   */
  private static final List<String> COMMON_SCHEMES = List.of("redshift", "postgresql", "trino",
      "presto", "athena", "awsathena", "mysql", "mariadb", "sqlserver", "snowflake", "h2",
      "hsqldb", "derby", "sqlite", "duckdb", "clickhouse", "calcite", "avatica:remote",
      "tiergate");

  private final ClassLoader loader;
  private List<Driver> drivers;

  private JdbcDrivers(ClassLoader loader) {
    this.loader = loader;
  }

  /** The drivers the gateway itself would find: {@code META-INF/services/java.sql.Driver}. */
  static JdbcDrivers onClasspath() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return new JdbcDrivers(context != null ? context : JdbcDrivers.class.getClassLoader());
  }

  /**
   * Checks the JDBC keys of one store: the class {@code driverClass} when the configuration
   * names one (the gateway then loads it by name), else that some driver accepts {@code url}.
   * The URL is never shown whole: it may carry a password.
   */
  void check(KeyPath store, String url, String driverClass, ConfigProblems problems) {
    if (driverClass != null) {
      checkClass(store.child("driver"), driverClass, problems);
      return;
    }
    if (url == null) {
      return;
    }
    KeyPath urlKey = store.child("url");
    if (!url.startsWith("jdbc:")) {
      problems.error(urlKey, "is not a JDBC URL (jdbc:<driver>:...)");
      return;
    }
    for (Driver driver : drivers()) {
      try {
        if (driver.acceptsURL(url)) {
          return;
        }
      } catch (SQLException | RuntimeException e) {
        // This driver cannot read it; another may.
      }
    }
    String scheme = scheme(url);
    Set<String> served = served();
    if (served.contains(scheme)) {
      problems.error(urlKey, "the " + scheme + " driver on the classpath does not accept '"
          + scheme + "...' as written; check the URL's form");
    } else {
      problems.error(urlKey, "no JDBC driver on the classpath accepts '" + scheme + "...'; the"
          + " drivers here serve " + (served.isEmpty() ? "nothing" : String.join(", ", served))
          + " (add the driver's jar, or name its class in " + store.child("driver") + ")");
    }
  }

  private void checkClass(KeyPath key, String name, ConfigProblems problems) {
    Class<?> type;
    try {
      type = Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      problems.error(key, "class '" + name + "' is not on the classpath");
      return;
    }
    if (!Driver.class.isAssignableFrom(type)) {
      problems.error(key, "class '" + name + "' is not a java.sql.Driver");
    }
  }

  /** {@code jdbc:foo:} of {@code jdbc:foo://host/db?password=...}. */
  static String scheme(String url) {
    int end = url.indexOf(':', "jdbc:".length());
    return end < 0 ? "jdbc:" : url.substring(0, end + 1);
  }

  private Set<String> served() {
    Set<String> served = new TreeSet<>();
    for (Driver driver : drivers()) {
      boolean named = false;
      for (String scheme : COMMON_SCHEMES) {
        try {
          if (driver.acceptsURL("jdbc:" + scheme + "://localhost:1/db")) {
            served.add("jdbc:" + scheme + ":");
            named = true;
          }
        } catch (SQLException | RuntimeException e) {
          // not this scheme
        }
      }
      if (!named) {
        served.add(driver.getClass().getName());
      }
    }
    return served;
  }

  private synchronized List<Driver> drivers() {
    if (drivers == null) {
      drivers = new ArrayList<>();
      Iterator<Driver> found = ServiceLoader.load(Driver.class, loader).iterator();
      for (int failures = 0; failures < 100; ) {
        try {
          if (!found.hasNext()) {
            break;
          }
          drivers.add(found.next());
        } catch (ServiceConfigurationError e) {
          failures++; // a jar naming a driver it cannot load must not hide the others
        }
      }
    }
    return drivers;
  }
}
