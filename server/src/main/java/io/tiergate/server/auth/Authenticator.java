package io.tiergate.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tiergate.lifecycle.admin.Caller;
import io.tiergate.server.config.TiergateConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a client's credentials, on every request, against the users of {@code server.users}. Errors name the user but never say whether the name or the password
 * was wrong, and never contain the password.
 */
public final class Authenticator {
  /** A password for unknown users, so that they cost the same PBKDF2 time as known ones. */
  private static final PasswordHash DECOY = PasswordHash.create("decoy".toCharArray());

  private final Map<String, User> users;
  private final boolean anonymousReader;
  /**
   * Credentials verified lately, keyed by the user and a salted digest of the password: PBKDF2
   * is slow on purpose, and a client sends its credentials with every request it makes.
   */
  private final Cache<String, Caller> verified = Caffeine.newBuilder()
      .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(5)).build();
  private final byte[] digestSalt = new byte[16];

  private record User(PasswordHash hash, Set<String> roles) {
  }

  public Authenticator(TiergateConfig.ServerConfig server) {
    Map<String, User> parsed = new LinkedHashMap<>();
    server.users().forEach((name, user) -> parsed.put(name,
        new User(PasswordHash.parse(user.passwordHash()), Set.copyOf(user.roles()))));
    this.users = Collections.unmodifiableMap(parsed);
    this.anonymousReader = server.anonymous().equals("reader");
    new SecureRandom().nextBytes(digestSalt);
  }

  /**
   * The caller one request runs as, from the credentials it carried.
   *
   * @throws AuthenticationException when they do not match a configured user, or there are
   *     none and anonymous requests are refused
   */
  public Caller authenticateRequest(Optional<RequestCredentials> credentials) {
    if (credentials.isEmpty()) {
      if (!anonymousReader) {
        throw AuthenticationException.required("Authentication required: this gateway checks"
            + " credentials on every request (HTTP Basic). Connect with the properties user and"
            + " password, which the Tiergate driver sends with each request (with Avatica's own"
            + " driver: authentication=BASIC;avatica_user=...;avatica_password=...)");
      }
      return authenticate(null, null);
    }
    RequestCredentials given = credentials.get();
    String key = given.user() + '\0' + digest(given.password());
    Caller known = verified.getIfPresent(key);
    if (known != null) {
      return known;
    }
    Caller caller = authenticate(given.user(), given.password());
    verified.put(key, caller);
    return caller;
  }

  private String digest(String password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(digestSalt);
      return java.util.HexFormat.of().formatHex(
          sha.digest(password.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
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
