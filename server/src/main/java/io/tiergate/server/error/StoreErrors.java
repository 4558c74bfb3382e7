package io.tiergate.server.error;

import io.tiergate.adapter.StoreSaturatedException;
import io.tiergate.adapter.StoreUnavailableException;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A store's failure, in the store's own words: Calcite's JDBC adapter reports a failed statement
 * as "While executing SQL [...] on JDBC sub-schema" and keeps the store's reason (PostgreSQL's
 * "Connection to 127.0.0.1:5439 refused", Trino's "Cannot read ... part-0.parquet", Athena's
 * StateChangeReason) only in a cause. Which client library raised it tells the store.
 */
final class StoreErrors {
  /** Package of a store's client library (or of Tiergate's adapter for it), and its store. */
  private static final Map<String, String> STORES = Map.ofEntries(
      Map.entry("org.postgresql.", "Redshift"),
      Map.entry("com.amazon.redshift.", "Redshift"),
      Map.entry("io.tiergate.adapter.redshift.", "Redshift"),
      Map.entry("io.trino.", "Athena"),
      Map.entry("com.simba.athena.", "Athena"),
      Map.entry("io.tiergate.adapter.athena.", "Athena"),
      Map.entry("software.amazon.awssdk.services.athena.", "Athena"),
      Map.entry("software.amazon.awssdk.services.dynamodb.", "DynamoDB"),
      Map.entry("io.tiergate.adapter.dynamodb.", "DynamoDB"),
      Map.entry("software.amazon.awssdk.services.s3.", "S3"),
      Map.entry("io.tiergate.adapter.s3.", "S3"),
      Map.entry("io.lettuce.", "Redis"),
      Map.entry("io.tiergate.adapter.redis.", "Redis"));

  /** Failures to reach a host at all, whoever wraps them. */
  private static final List<String> UNREACHABLE = List.of("java.net.ConnectException",
      "java.net.UnknownHostException", "java.net.NoRouteToHostException",
      "java.net.SocketTimeoutException", "java.net.http.HttpConnectTimeoutException",
      "software.amazon.awssdk.core.exception.SdkClientException",
      "io.lettuce.core.RedisConnectionException");

  private StoreErrors() {
  }

  /** The store failure in {@code chain}, or null when no store failed. */
  static ClientError find(List<Throwable> chain) {
    StoreSaturatedException saturated = Causes.first(chain, StoreSaturatedException.class);
    if (saturated != null) {
      return new ClientError(ErrorKind.STORE_SATURATED, saturated.getMessage()
          + ". Retry later; if this is the usual load, raise stores.admission.connections (when "
          + saturated.store() + " can run more queries at once), stores.admission.queue or "
          + "stores.admission.max-wait");
    }
    StoreUnavailableException unavailable = Causes.first(chain, StoreUnavailableException.class);
    if (unavailable != null) {
      return new ClientError(ErrorKind.STORE_UNAVAILABLE,
          Messages.oneLine(unavailable.getMessage()));
    }
    for (int i = 0; i < chain.size(); i++) {
      Throwable t = chain.get(i);
      String store = store(t);
      if (store != null && t.getMessage() != null && !t.getMessage().isBlank()) {
        return failure(store, t, chain.subList(i, chain.size()));
      }
    }
    return null;
  }

  private static ClientError failure(String store, Throwable raised, List<Throwable> behind) {
    String reason = Messages.oneLine(raised.getMessage());
    if (!reason.toLowerCase(Locale.ROOT).contains(store.toLowerCase(Locale.ROOT))) {
      reason = store + ": " + reason;
    }
    if (behind.stream().anyMatch(t -> t instanceof SQLException s
        && "57014".equals(s.getSQLState()))) {
      return new ClientError(ErrorKind.CANCELLED, reason);
    }
    for (Throwable t : behind) {
      boolean lost = t instanceof SQLException s && s.getSQLState() != null
          && s.getSQLState().startsWith("08");
      if (lost || UNREACHABLE.stream().anyMatch(name -> isA(t, name))) {
        // The host:port is often only in the network exception (Trino's "Error executing
        // query" wraps "Failed to connect to /127.0.0.1:8080").
        String where = t.getMessage();
        if (where != null && !where.isBlank() && !reason.contains(Messages.oneLine(where))) {
          reason = reason + ": " + Messages.oneLine(where);
        }
        return new ClientError(ErrorKind.STORE_UNAVAILABLE, reason);
      }
    }
    return new ClientError(ErrorKind.STORE_FAILED, reason);
  }

  /**
   * The store whose client raised {@code t}, by its class or, for a plain SQLException, by the
   * client code that threw it; null when Calcite, Avatica or the JDK raised it. Tiergate's
   * adapters count by class only: their IllegalArgumentExceptions are about arguments.
   */
  static String store(Throwable t) {
    String store = storeOf(t.getClass().getName());
    if (store == null && t.getStackTrace().length > 0) {
      String thrower = t.getStackTrace()[0].getClassName();
      store = thrower.startsWith("io.tiergate.") ? null : storeOf(thrower);
    }
    return store;
  }

  private static String storeOf(String className) {
    for (var entry : STORES.entrySet()) {
      if (className.startsWith(entry.getKey())) {
        return entry.getValue();
      }
    }
    return null;
  }

  private static boolean isA(Throwable t, String className) {
    for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
      if (c.getName().equals(className)) {
        return true;
      }
    }
    return false;
  }
}
