package io.tiergate.server.auth;

/** A connection refused: wrong or missing credentials. */
public final class AuthenticationException extends RuntimeException {
  public AuthenticationException(String message) {
    super(message);
  }
}
