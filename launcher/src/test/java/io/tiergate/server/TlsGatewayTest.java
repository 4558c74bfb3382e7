package io.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiergate.launcher.LocalGatewayConfig;
import io.tiergate.launcher.SelfSignedCertificate;
import io.tiergate.server.config.TiergateConfig;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's port over HTTPS, through the shaded driver's {@code ssl=true} with a
 * truststore: from a PKCS12 keystore and from PEM files; a plain-HTTP client is told to use
 * HTTPS.
 */
@ExtendWith(TestGateway.Extension.class)
class TlsGatewayTest {
  @Test void aKeystoreServesHttpsToTheDriverInBothSerializations(TestGateway tg,
      @TempDir Path dir) throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.create(dir);
    TiergateConfig.TlsConfig tls = new TiergateConfig.TlsConfig(
        certificate.keystore().toString(), certificate.password(), null, null, null);
    try (Gateway https = start(tg, tls)) {
      String url = "jdbc:tiergate://localhost:" + https.port() + "?" + certificate.driverOptions();
      for (String serialization : new String[] {"json", "protobuf"}) {
        assertThat(sessionCount(url + "&serialization=" + serialization)).isEqualTo(sessionCount(tg.url()));
      }

      // Plain HTTP to the TLS port: the driver and any HTTP client are told what to do.
      assertThatThrownBy(() -> sessionCount("jdbc:tiergate://localhost:" + https.port()))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("Cannot connect to Tiergate at localhost:" + https.port())
          .hasMessageContaining("add ssl=true to the URL");
      HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://localhost:" + https.port() + "/")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(plain.statusCode()).isEqualTo(400);
      assertThat(plain.body()).startsWith("This Tiergate port serves HTTPS only");
    }
  }

  @Test void pemFilesServeHttpsToo(TestGateway tg, @TempDir Path dir) throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.create(dir);
    Path key = dir.resolve("gateway-key.pem");
    Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(privateKey(certificate).getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    TiergateConfig.TlsConfig tls = new TiergateConfig.TlsConfig(null, null, null,
        certificate.certificate().toString(), key.toString());
    try (Gateway https = start(tg, tls)) {
      assertThat(sessionCount("jdbc:tiergate://localhost:" + https.port() + "?"
          + certificate.driverOptions())).isEqualTo(sessionCount(tg.url()));
    }
  }

  @Test void aWrongKeystorePasswordNamesTheKeystore(TestGateway tg, @TempDir Path dir)
      throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.create(dir);
    TiergateConfig.TlsConfig tls = new TiergateConfig.TlsConfig(
        certificate.keystore().toString(), "wrong", null, null, null);
    assertThatThrownBy(() -> start(tg, tls).close())
        .hasMessageContaining("server.tls.keystore: cannot read " + certificate.keystore());
  }

  private static Gateway start(TestGateway tg, TiergateConfig.TlsConfig tls) {
    TiergateConfig local = LocalGatewayConfig.forStack(tg.stack(), 0);
    return Gateway.start(local.withServer(local.server().withTls(tls)));
  }

  private static Key privateKey(SelfSignedCertificate certificate) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(certificate.keystore())) {
      store.load(in, certificate.password().toCharArray());
    }
    return store.getKey("tiergate", certificate.password().toCharArray());
  }

  private long sessionCount(String url) throws SQLException {
    return count(url, "SELECT COUNT(*) FROM sessions");
  }

  private static long count(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getLong(1);
    }
  }
}
