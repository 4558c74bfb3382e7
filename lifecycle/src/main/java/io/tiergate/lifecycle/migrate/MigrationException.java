package io.tiergate.lifecycle.migrate;

/** A migration could not run or stopped; the message says what and what happens next. */
public final class MigrationException extends RuntimeException {
  public MigrationException(String message, Throwable cause) {
    super(message, cause);
  }
}
