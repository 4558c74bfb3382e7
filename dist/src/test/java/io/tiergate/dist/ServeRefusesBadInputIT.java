package io.tiergate.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/tiergate serve} from the archive, given a bad configuration: one clear error naming
 * the problem, a non-zero exit, and nothing left listening.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeRefusesBadInputIT {
  private static final String SESSIONS = """
      tables:
        sessions:
          store: redis
          shape: hash
          key-prefix: "session:"
          columns: {session_id: VARCHAR, tenant_id: VARCHAR}
      """;

  private Path directory;
  private UnpackedArchive archive;

  @BeforeAll void unpack(@TempDir Path directory) throws Exception {
    this.directory = directory;
    archive = UnpackedArchive.into(Files.createDirectories(directory.resolve("install")));
  }

  @Test void anUnknownKeyNamesTheKeyAndTheNearestOne() throws Exception {
    assertThat(refused("stores:\n  redis: {host: 127.0.0.1, prot: 6379}\n" + SESSIONS))
        .contains("stores.redis.prot: unknown key; did you mean stores.redis.port?");
  }

  @Test void anUnsetVariableIsNamed() throws Exception {
    assertThat(refused("stores:\n  redis: {host: \"${REDIS_HOST_NOT_SET}\"}\n"
        + SESSIONS)).contains("stores.redis.host: refers to environment variable "
        + "REDIS_HOST_NOT_SET, which is not set");
  }

  @Test void aJdbcSchemeNoDriverServesIsNamed() throws Exception {
    assertThat(refused("""
        stores:
          redshift: {url: "jdbc:warehouse://db.example:5439/dev", user: u, password: p}
        tables:
          t: {store: redshift, columns: {a: VARCHAR}}
        """)).contains("stores.redshift.url: no JDBC driver on the classpath accepts "
        + "'jdbc:warehouse:...'");
  }

  @Test void anUnreachableStoreIsNamedWithItsAddress() throws Exception {
    int closed = freePort();
    assertThat(refused("stores:\n  redis: {host: 127.0.0.1, port: " + closed + "}\n"
        + SESSIONS)).contains("Redis at 127.0.0.1:" + closed + " is unreachable");
  }

  /** Runs serve with the configuration; returns its error output once it has failed. */
  private String refused(String yaml) throws Exception {
    Path config = Files.createTempFile(directory, "tiergate", ".yaml");
    Files.writeString(config, yaml);
    int port = freePort();
    Path err = Files.createTempFile(directory, "serve", ".err");
    Process serve = new ProcessBuilder(archive.bin().toString(), "serve", "--config",
        config.toString(), "--port", Integer.toString(port))
        .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    boolean exited = serve.waitFor(90, TimeUnit.SECONDS);
    if (!exited) {
      serve.destroyForcibly();
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(exited).as("serve gave up within 90 s; stderr: " + stderr).isTrue();
    assertThat(serve.exitValue()).as("exit status; stderr: " + stderr).isNotZero();
    assertThat(stderr).as("one error line, no stack trace").startsWith("tiergate: ")
        .doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(listening(port)).as("nothing left on port " + port).isFalse();
    return stderr;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }
}
