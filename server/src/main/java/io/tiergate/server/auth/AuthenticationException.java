package io.tiergate.server.auth;

/** A connection refused: wrong or missing credentials. */
public final class AuthenticationException extends RuntimeException {
  private final boolean credentialsMissing;

  public AuthenticationException(String message) {
    this(message, false);
  }

  private AuthenticationException(String message, boolean credentialsMissing) {
    super(message);
    this.credentialsMissing = credentialsMissing;
  }

  /** No credentials at all, where the gateway wants some (SQLState 28000, not 28P01). */
  static AuthenticationException required(String message) {
    return new AuthenticationException(message, true);
  }

  public boolean credentialsMissing() {
    return credentialsMissing;
  }
}
