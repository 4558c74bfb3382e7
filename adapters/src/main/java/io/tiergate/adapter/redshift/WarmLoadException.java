package io.tiergate.adapter.redshift;

/** A warm load that failed and changed nothing; the message names the table and the slice. */
public final class WarmLoadException extends RuntimeException {
  public WarmLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
