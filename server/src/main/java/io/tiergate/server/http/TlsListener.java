package io.tiergate.server.http;

import io.tiergate.server.config.TiergateConfig.TlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.OptionalSslConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * HTTPS on the gateway's connector, from {@code server.tls}: a keystore file, or PEM files read
 * into one in memory. A client speaking plain HTTP to the port gets a 400 that says to use
 * HTTPS, rather than a connection closed without a word.
 */
public final class TlsListener {
  private TlsListener() {
  }

  /** Makes {@code connector} speak TLS, before the server starts. */
  public static void secure(ServerConnector connector, TlsConfig tls) {
    SslContextFactory.Server context = new SslContextFactory.Server();
    Secured keys = keyStore(tls);
    context.setKeyStore(keys.store());
    context.setKeyStorePassword(keys.password());
    context.setKeyManagerPassword(keys.password());
    SslConnectionFactory ssl = new SslConnectionFactory(context, HttpVersion.HTTP_1_1.asString());
    connector.addFirstConnectionFactory(ssl);
    connector.addFirstConnectionFactory(new PlainHttpAnswered(ssl));
  }

  private record Secured(KeyStore store, String password) {
  }

  private static Secured keyStore(TlsConfig tls) {
    if (tls.keystore() != null) {
      Path path = Path.of(tls.keystore());
      try (InputStream in = Files.newInputStream(path)) {
        KeyStore store = KeyStore.getInstance(tls.keystoreType());
        store.load(in, tls.keystorePassword().toCharArray());
        return new Secured(store, tls.keystorePassword());
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalArgumentException("server.tls.keystore: cannot read " + path + " as "
            + tls.keystoreType() + " with the given keystore-password: " + e.getMessage(), e);
      }
    }
    List<Certificate> chain = certificates(Path.of(tls.certificate()));
    PrivateKey key = privateKey(Path.of(tls.privateKey()));
    try {
      byte[] random = new byte[16];
      new SecureRandom().nextBytes(random);
      String password = HexFormat.of().formatHex(random);
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("tiergate", key, password.toCharArray(),
          chain.toArray(new Certificate[0]));
      return new Secured(store, password);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("server.tls: the private-key " + tls.privateKey()
          + " does not go with the certificate " + tls.certificate() + ": " + e.getMessage(), e);
    }
  }

  private static List<Certificate> certificates(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      List<Certificate> chain = List.copyOf(
          CertificateFactory.getInstance("X.509").generateCertificates(in));
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("server.tls.certificate: no certificate in " + path);
      }
      return chain;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("server.tls.certificate: cannot read " + path
          + " as PEM certificates: " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(Path path) {
    String pem;
    try {
      pem = Files.readString(path, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException("server.tls.private-key: cannot read " + path + ": "
          + e.getMessage(), e);
    }
    String begin = "-----BEGIN PRIVATE KEY-----";
    int start = pem.indexOf(begin);
    int end = pem.indexOf("-----END PRIVATE KEY-----");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("server.tls.private-key: " + path + " is not an"
          + " unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY); convert one with"
          + " 'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem'");
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), end));
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new IllegalArgumentException("server.tls.private-key: " + path + " is neither an"
        + " RSA, EC nor Ed25519 key");
  }

  /** TLS, and for a client that sends plain HTTP instead, a 400 saying what to do. */
  private static final class PlainHttpAnswered extends OptionalSslConnectionFactory {
    PlainHttpAnswered(SslConnectionFactory ssl) {
      super(ssl, null);
    }

    @Override protected void otherProtocol(ByteBuffer buffer, EndPoint endPoint) {
      byte[] body = ("This Tiergate port serves HTTPS only: connect with https:// (the"
          + " Tiergate driver: jdbc:tiergate://host:port?ssl=true)\n")
          .getBytes(StandardCharsets.UTF_8);
      byte[] head = ("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\n"
          + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);
      ByteBuffer response = ByteBuffer.allocate(head.length + body.length).put(head).put(body)
          .flip();
      endPoint.write(Callback.from(endPoint::close), response);
    }
  }
}
