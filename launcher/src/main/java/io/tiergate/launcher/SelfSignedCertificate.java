package io.tiergate.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate for {@code localhost} and 127.0.0.1, made with the JDK's own keytool for a
 * local gateway serving HTTPS: the gateway's PKCS12 keystore, and a truststore holding only
 * that certificate for clients (a keystore's own key entry is not a trust anchor to Java).
 */
public record SelfSignedCertificate(Path keystore, Path truststore, Path certificate,
    String password) {
  private static final String ALIAS = "tiergate";

  /** Makes one in {@code dir}; valid 30 days, as a local stack does not live longer. */
  public static SelfSignedCertificate create(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    byte[] random = new byte[12];
    new SecureRandom().nextBytes(random);
    String password = HexFormat.of().formatHex(random);
    SelfSignedCertificate made = new SelfSignedCertificate(dir.resolve("gateway.p12"),
        dir.resolve("truststore.p12"), dir.resolve("gateway.pem"), password);
    for (Path file : List.of(made.keystore, made.truststore, made.certificate)) {
      Files.deleteIfExists(file);
    }
    keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
        "-validity", "30", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
        "-keystore", made.keystore.toString(), "-storetype", "PKCS12",
        "-storepass", password, "-keypass", password);
    keytool("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", made.keystore.toString(),
        "-storepass", password, "-file", made.certificate.toString());
    keytool("-importcert", "-noprompt", "-alias", ALIAS, "-file", made.certificate.toString(),
        "-keystore", made.truststore.toString(), "-storetype", "PKCS12", "-storepass", password);
    return made;
  }

  /** The driver URL options that trust this certificate. */
  public String driverOptions() {
    return "ssl=true&truststore=" + truststore.toAbsolutePath() + "&truststore_password="
        + password;
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new ArrayList<>();
    command.add(keytool.toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException("keytool " + args[0] + " failed making the local TLS certificate: "
          + new String(output, StandardCharsets.UTF_8).trim());
    }
  }
}
