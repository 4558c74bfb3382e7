package io.tiergate.jdbc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A parsed {@code jdbc:tiergate://host:port[/][?key=value&...]}.
 *
 * <p>Options: {@code serialization=protobuf|json} (protobuf by default: smaller and faster),
 * {@code ssl=true} for HTTPS, {@code user}/{@code password}; anything else is passed to Avatica
 * as a connection property.
 */
public record TiergateUrl(String host, int port, boolean ssl, String serialization,
    Map<String, String> options) {
  public static final String PREFIX = "jdbc:tiergate://";

  public static TiergateUrl parse(String url) {
    if (url == null || !url.startsWith(PREFIX)) {
      throw new IllegalArgumentException("Not a Tiergate URL: '" + url
          + "'; expected jdbc:tiergate://host:port[?options]");
    }
    String rest = url.substring(PREFIX.length());
    String query = "";
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    if (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    int colon = rest.lastIndexOf(':');
    String host = colon < 0 ? rest : rest.substring(0, colon);
    int port = 8765;
    if (colon >= 0) {
      try {
        port = Integer.parseInt(rest.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Bad port '" + rest.substring(colon + 1) + "' in '"
            + url + "'");
      }
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("No host in '" + url + "'");
    }
    Map<String, String> options = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      options.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
    }
    for (String key : options.keySet()) {
      if (!known(key)) {
        // Not the URL in the message: it may hold a password.
        throw new IllegalArgumentException("Unknown connection property '" + key + "' in the"
            + " URL; Tiergate's are ssl, serialization, user, password, archived, and Avatica's"
            + " client takes " + AVATICA_OPTIONS);
      }
    }
    boolean ssl = Boolean.parseBoolean(options.remove("ssl"));
    String serialization = options.remove("serialization");
    serialization = serialization == null ? "protobuf" : serialization.toLowerCase(Locale.ROOT);
    if (!serialization.equals("protobuf") && !serialization.equals("json")) {
      throw new IllegalArgumentException("serialization must be protobuf or json, got '"
          + serialization + "'");
    }
    return new TiergateUrl(host, port, ssl, serialization, Map.copyOf(options));
  }

  /** The equivalent Avatica remote connect string (after the driver's prefix). */
  public String toAvaticaConnectString() {
    StringBuilder s = new StringBuilder("url=").append(ssl ? "https" : "http").append("://")
        .append(host).append(':').append(port)
        .append(";serialization=").append(serialization);
    options.forEach((k, v) -> {
      if (!SERVER_OPTIONS.contains(k)) {
        s.append(';').append(k).append('=').append(v);
      }
    });
    return s.toString();
  }

  /**
   * Options the gateway reads from the connection's properties rather than Avatica's client:
   * the credentials, and {@code archived} (what a query over un-restored Glacier partitions
   * does: {@code fail}, the default, {@code restore}, or {@code skip} with a warning) and
   * {@code max_cost_usd} (the most one query may be estimated to cost).
   */
  static final java.util.Set<String> SERVER_OPTIONS = java.util.Set.of("user", "password",
      "archived", "max_cost_usd");

  /**
   * Server options from the URL, unless the caller's properties already have them; and the
   * user and password as HTTP Basic credentials, which Avatica's client sends with every request.
   */
  public Properties merge(Properties info) {
    Properties merged = new Properties();
    for (String key : SERVER_OPTIONS) {
      if (options.containsKey(key)) {
        merged.setProperty(key, options.get(key));
      }
    }
    if (info != null) {
      for (String key : info.stringPropertyNames()) {
        String value = info.getProperty(key);
        // Tools such as sqlline pass an empty user and password when none was typed; that must
        // not erase the credentials the URL carries.
        boolean blankCredential = (key.equals("user") || key.equals("password"))
            && value.isEmpty() && merged.containsKey(key);
        if (!blankCredential) {
          merged.setProperty(key, value);
        }
      }
    }
    // The gateway checks credentials on every request, not only when the connection opens:
    // Avatica's client sends HTTP Basic with each request when told these.
    String user = merged.getProperty("user");
    if (user != null && !user.isEmpty() && !merged.containsKey(AUTHENTICATION)) {
      merged.setProperty(AUTHENTICATION, "BASIC");
      merged.setProperty("avatica_user", user);
      merged.setProperty("avatica_password", merged.getProperty("password", ""));
    }
    return merged;
  }

  /** Avatica's client property naming the HTTP authentication it sends. */
  static final String AUTHENTICATION = "authentication";

  /** The options Avatica's client reads (truststore, http_response_timeout, ...). */
  private static final java.util.SortedSet<String> AVATICA_OPTIONS = avaticaOptions();

  private static java.util.SortedSet<String> avaticaOptions() {
    java.util.SortedSet<String> names = new java.util.TreeSet<>();
    for (org.apache.calcite.avatica.BuiltInConnectionProperty p
        : org.apache.calcite.avatica.BuiltInConnectionProperty.values()) {
      names.add(p.camelName());
    }
    return java.util.Collections.unmodifiableSortedSet(names);
  }

  private static boolean known(String key) {
    return key.equals("ssl") || key.equals("serialization") || SERVER_OPTIONS.contains(key)
        || AVATICA_OPTIONS.contains(key);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
