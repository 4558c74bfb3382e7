package io.tiergate.server;

/**
 * A store's own reason for a failed query, carried into the message the client sees. Calcite's
 * JDBC adapter reports a failed statement as "While executing SQL [...] on JDBC sub-schema" and
 * keeps the store's words (Trino's "Cannot read ... s3://.../part-0.parquet", PostgreSQL's
 * error, Athena's reason) only in the cause, which Avatica does not send as the message.
 */
final class StoreErrorReason {
  private StoreErrorReason() {
  }

  /** {@code e} with the store's reason appended when its message lacks it; else {@code e}. */
  static RuntimeException withReason(RuntimeException e) {
    String top = e.getMessage() == null ? "" : e.getMessage();
    String reason = reason(e, top);
    return reason == null ? e : new RuntimeException(top + ": " + reason, e);
  }

  /**
   * The message of the outermost cause raised by a store's client rather than by Calcite, that
   * {@code top} does not already say; null when there is none.
   */
  static String reason(Throwable e, String top) {
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && !message.isBlank() && fromStore(t) && !top.contains(message)) {
        return message;
      }
    }
    return null;
  }

  private static boolean fromStore(Throwable t) {
    String name = t.getClass().getName();
    if (name.startsWith("org.apache.calcite.") || name.startsWith("java.lang.reflect.")) {
      return false;
    }
    return t instanceof java.sql.SQLException || name.startsWith("io.tiergate.adapter.")
        || name.startsWith("software.amazon.awssdk.");
  }
}
