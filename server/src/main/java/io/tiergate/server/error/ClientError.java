package io.tiergate.server.error;

/**
 * What the client is told about one failure: its kind and the reason, in words the user can act
 * on, with no wrapper text or Java class names (see {@link ErrorTranslation}).
 */
public record ClientError(ErrorKind kind, String reason) {
  /** The message sent: the reason first, then the id under which the server logged the trace. */
  public String message(String errorId) {
    return reason + " [error id " + errorId + "]";
  }
}
