package io.tiergate.server.auth;

import io.tiergate.lifecycle.admin.Caller;
import io.tiergate.server.config.TiergateConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a client's credentials when its connection opens, against the users of
 * {@code server.users}. Errors name the user but never say whether the name or the password
 * was wrong, and never contain the password.
 */
public final class Authenticator {
  /** A password for unknown users, so that they cost the same PBKDF2 time as known ones. */
  private static final PasswordHash DECOY = PasswordHash.create("decoy".toCharArray());

  private final Map<String, User> users;
  private final boolean anonymousReader;

  private record User(PasswordHash hash, Set<String> roles) {
  }

  public Authenticator(TiergateConfig.ServerConfig server) {
    Map<String, User> parsed = new LinkedHashMap<>();
    server.users().forEach((name, user) -> parsed.put(name,
        new User(PasswordHash.parse(user.passwordHash()), Set.copyOf(user.roles()))));
    this.users = Collections.unmodifiableMap(parsed);
    this.anonymousReader = server.anonymous().equals("reader");
  }

  /**
   * The caller a connection with these credentials runs as.
   *
   * @throws AuthenticationException when the credentials do not match a configured user, or
   *     are missing and anonymous connections are refused
   */
  public Caller authenticate(String user, String password) {
    if (user == null || user.isEmpty()) {
      if (password != null && !password.isEmpty()) {
        throw new AuthenticationException("Authentication failed: a password was given "
            + "without a user");
      }
      if (!anonymousReader) {
        throw AuthenticationException.required("Authentication required: this gateway refuses "
            + "connections without credentials; connect with the properties user and password"
            + " (or jdbc:tiergate://host:port?user=...&password=...)");
      }
      return new Caller("anonymous", Set.of(Caller.READER));
    }
    User known = users.get(user);
    char[] given = password == null ? new char[0] : password.toCharArray();
    boolean matches = (known == null ? DECOY : known.hash()).matches(given);
    if (known == null || !matches) {
      throw new AuthenticationException("Authentication failed for user '" + user
          + "': unknown user or wrong password");
    }
    return new Caller(user, known.roles());
  }

  /** The configured user names, in configuration order, for banners. */
  public List<String> users() {
    return List.copyOf(users.keySet());
  }
}
