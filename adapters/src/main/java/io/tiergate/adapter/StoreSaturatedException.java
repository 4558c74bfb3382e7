package io.tiergate.adapter;

import java.sql.SQLException;
import java.time.Duration;

/**
 * A query refused by a store's {@link AdmissionGate}: every connection of the store was busy
 * and its queue was full, or the query waited its longest without a turn. The store answers;
 * it is busy, not down, which is why this is not a {@link StoreUnavailableException}.
 * SQLState {@code 53300}, PostgreSQL's too_many_connections (class 53: insufficient resources).
 */
public final class StoreSaturatedException extends SQLException {
  public static final String SQL_STATE = "53300";

  /** Why the query got no turn. */
  public enum Reason { QUEUE_FULL, WAITED_TOO_LONG }

  private final String store;
  private final Reason reason;
  private final Duration waited;
  private final int queued;
  private final AdmissionLimits limits;

  /**
   * @param queued how many queries were waiting for the store when this one gave up, itself
   *     included when it had waited
   */
  public StoreSaturatedException(String store, Reason reason, Duration waited, int queued,
      AdmissionLimits limits) {
    super(message(store, reason, waited, queued, limits), SQL_STATE);
    this.store = store;
    this.reason = reason;
    this.waited = waited;
    this.queued = queued;
    this.limits = limits;
  }

  private static String message(String store, Reason reason, Duration waited, int queued,
      AdmissionLimits limits) {
    String busy = store + " is saturated: all " + limits.connections()
        + " of its connections are busy";
    return switch (reason) {
      case QUEUE_FULL -> busy + " and its queue is full (" + queued + " of " + limits.queue()
          + " waiting); refused after " + seconds(waited);
      case WAITED_TOO_LONG -> busy + "; waited " + seconds(waited) + ", the most a query "
          + "waits, in a queue of " + queued;
    };
  }

  private static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  public String store() {
    return store;
  }

  public Reason reason() {
    return reason;
  }

  public Duration waited() {
    return waited;
  }

  public int queued() {
    return queued;
  }

  public AdmissionLimits limits() {
    return limits;
  }
}
