package io.tiergate.server.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The user and password one HTTP request carries in its {@code Authorization: Basic} header.
 * Every request carries them, not only the one that opens a connection: a connection id alone
 * proves nothing, since the client chose it and it travels with every request.
 */
public record RequestCredentials(String user, String password) {
  @Override public String toString() {
    return "RequestCredentials[user=" + user + "]"; // never the password
  }

  /**
   * The credentials of an {@code Authorization} header; empty when there is none.
   *
   * @throws AuthenticationException when the header is there but is not HTTP Basic
   */
  public static Optional<RequestCredentials> fromAuthorization(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    int space = value.indexOf(' ');
    String scheme = space < 0 ? value : value.substring(0, space);
    if (!scheme.toLowerCase(Locale.ROOT).equals("basic")) {
      throw new AuthenticationException("Authentication failed: the gateway accepts HTTP Basic"
          + " credentials only, got the '" + scheme + "' scheme");
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(value.substring(space + 1).trim()),
          StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new AuthenticationException("Authentication failed: the Authorization header's"
          + " Basic credentials are not Base64");
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw new AuthenticationException("Authentication failed: the Authorization header's"
          + " Basic credentials have no ':' between user and password");
    }
    return Optional.of(new RequestCredentials(decoded.substring(0, colon),
        decoded.substring(colon + 1)));
  }
}
