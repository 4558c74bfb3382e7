package io.tiergate.server.auth;

import io.tiergate.lifecycle.admin.Caller;
import java.util.Optional;

/**
 * What the HTTP layer learned about the request this thread is serving, for the layers below
 * it that Avatica calls without passing it: the credentials the request carried, and the
 * caller they were found to be. Avatica serves a request on one thread, start to end.
 */
public final class RequestScope {
  private static final ThreadLocal<RequestScope> CURRENT = new ThreadLocal<>();

  private final String authorization;
  private Caller caller;
  private boolean challenged;

  private RequestScope(String authorization) {
    this.authorization = authorization;
  }

  /**
   * Runs {@code body} as the request whose {@code Authorization} header (null when none) is
   * {@code authorization}. The header is read only when the request is authenticated, so that
   * a malformed one is answered like any failed request, in the request's serialization.
   */
  public static <T, E extends Exception> T serve(String authorization, Body<T, E> body)
      throws E {
    RequestScope previous = CURRENT.get();
    CURRENT.set(new RequestScope(authorization));
    try {
      return body.run();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  /** The request being served on this thread; empty outside one (in-process connections). */
  public static Optional<RequestScope> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /**
   * The credentials the request carried.
   *
   * @throws AuthenticationException when its Authorization header is not HTTP Basic
   */
  public Optional<RequestCredentials> credentials() {
    return RequestCredentials.fromAuthorization(authorization);
  }

  /** The caller the request's credentials were found to be, once authenticated. */
  public Optional<Caller> caller() {
    return Optional.ofNullable(caller);
  }

  void authenticated(Caller caller) {
    this.caller = caller;
  }

  /**
   * Marks the request as one to answer with an HTTP Basic challenge (401 and
   * {@code WWW-Authenticate}): it came without credentials where they are needed. Avatica's
   * client sends its credentials only when challenged, then with every request after.
   */
  void challenge() {
    this.challenged = true;
  }

  public boolean challenged() {
    return challenged;
  }

  /** A request's work, which may throw what the request's handler throws. */
  @FunctionalInterface
  public interface Body<T, E extends Exception> {
    T run() throws E;
  }
}
