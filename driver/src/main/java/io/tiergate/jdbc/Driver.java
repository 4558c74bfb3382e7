package io.tiergate.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.DriverVersion;

/**
 * The Tiergate JDBC driver: {@code jdbc:tiergate://host:port[?options]}, a thin client of the
 * gateway's Avatica HTTP endpoint. See {@link TiergateUrl} for the options.
 */
public final class Driver extends org.apache.calcite.avatica.remote.Driver {
  static final String PREFIX = "jdbc:tiergate:";

  static {
    new Driver().register();
  }

  @Override protected String getConnectStringPrefix() {
    return PREFIX;
  }

  /** Avatica's factory, making statements that report the gateway's warnings. */
  @Override protected AvaticaFactory createFactory() {
    return new TiergateFactory(instantiateFactory(getFactoryClassName(JdbcVersion.current())));
  }

  @Override protected DriverVersion createDriverVersion() {
    Properties p = new Properties();
    try (InputStream in = Driver.class.getResourceAsStream("tiergate-jdbc.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // fall through to "unknown"
    }
    String version = p.getProperty("version", "unknown");
    int major = versionPart(version, 0);
    int minor = versionPart(version, 1);
    return new DriverVersion("Tiergate JDBC Driver", version, "Tiergate", version, true,
        major, minor, major, minor);
  }

  @Override public Connection connect(String url, Properties info) throws SQLException {
    if (url == null || !url.startsWith(TiergateUrl.PREFIX)) {
      return url != null && url.startsWith(PREFIX) ? super.connect(url, info) : null;
    }
    TiergateUrl parsed;
    try {
      parsed = TiergateUrl.parse(url);
    } catch (IllegalArgumentException e) {
      throw new SQLException(e.getMessage(), "08001", e);
    }
    try {
      return super.connect(PREFIX + parsed.toAvaticaConnectString(), parsed.merge(info));
    } catch (RuntimeException e) {
      // The gateway answered and refused (wrong password, a bad option): its error, as it is.
      SQLException refused = ServerErrors.of(e);
      if (refused != null) {
        throw refused;
      }
      String reason = rootMessage(e);
      if (!parsed.ssl() && reason.contains("HTTP/400")) {
        // A gateway serving HTTPS answers plain HTTP with a 400 saying so; Avatica's client
        // keeps only the status.
        reason += " (the gateway may serve HTTPS only: add ssl=true to the URL)";
      }
      throw new SQLException("Cannot connect to Tiergate at " + parsed.host() + ":"
          + parsed.port() + ": " + reason, "08001", e);
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }

  private static int versionPart(String version, int index) {
    String[] parts = version.split("[.-]");
    try {
      return index < parts.length ? Integer.parseInt(parts[index]) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
