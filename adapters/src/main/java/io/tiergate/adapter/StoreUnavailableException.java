package io.tiergate.adapter;

/** A store could not be reached or refused a request; the message names the store and where. */
public final class StoreUnavailableException extends RuntimeException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
