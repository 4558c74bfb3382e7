package io.tiergate.server.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A stored password: {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (salt and hash in
 * unpadded Base64). PBKDF2 because the JDK has it (no dependency) and its cost is tunable;
 * the string says how it was made, so raising the iterations later leaves old hashes valid.
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {
  public static final String SCHEME = "pbkdf2-sha256";
  /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
  public static final int DEFAULT_ITERATIONS = 210_000;
  private static final int MIN_ITERATIONS = 10_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  public PasswordHash {
    salt = salt.clone();
    hash = hash.clone();
  }

  @Override public byte[] salt() {
    return salt.clone();
  }

  @Override public byte[] hash() {
    return hash.clone();
  }

  public static PasswordHash create(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return new PasswordHash(DEFAULT_ITERATIONS, salt,
        derive(password, salt, DEFAULT_ITERATIONS));
  }

  /** Parses a stored hash; the message says what is wrong, never echoing the value. */
  public static PasswordHash parse(String text) {
    String expected = "expected " + SCHEME + "$<iterations>$<salt>$<hash> as printed by "
        + "'tiergate hash-password'";
    String[] parts = text == null ? new String[0] : text.split("\\$", -1);
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      throw new IllegalArgumentException("not a password hash: " + expected);
    }
    int iterations;
    byte[] salt;
    byte[] hash;
    try {
      iterations = Integer.parseInt(parts[1]);
      salt = Base64.getDecoder().decode(parts[2]);
      hash = Base64.getDecoder().decode(parts[3]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed password hash: " + expected);
    }
    if (iterations < MIN_ITERATIONS) {
      throw new IllegalArgumentException("password hash has " + iterations
          + " iterations; at least " + MIN_ITERATIONS + " are required");
    }
    if (salt.length < 8 || hash.length != HASH_BITS / 8) {
      throw new IllegalArgumentException("malformed password hash: salt of at least 8 bytes "
          + "and a " + HASH_BITS / 8 + "-byte hash " + expected.substring("expected".length()));
    }
    return new PasswordHash(iterations, salt, hash);
  }

  /** Whether {@code password} is the one hashed; compares in constant time. */
  public boolean matches(char[] password) {
    return MessageDigest.isEqual(hash, derive(password, salt, iterations));
  }

  @Override public String toString() {
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$"
        + b64.encodeToString(hash);
  }

  @Override public boolean equals(Object o) {
    return o instanceof PasswordHash p && p.iterations == iterations
        && Arrays.equals(p.salt, salt) && Arrays.equals(p.hash, hash);
  }

  @Override public int hashCode() {
    return Arrays.hashCode(hash);
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec)
          .getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
    }
  }
}
