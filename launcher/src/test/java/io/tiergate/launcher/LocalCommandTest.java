package io.tiergate.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./tiergate local} contract, run as a user runs it: a separate JVM that prints the
 * ready line only once a query through the driver works, and that leaves no engine behind on
 * SIGTERM.
 */
class LocalCommandTest {
  private static final Pattern READY = Pattern.compile(
      "^Tiergate ready: (jdbc:tiergate://127\\.0\\.0\\.1:(\\d+))$");
  private static final Pattern ENGINE_PORT = Pattern.compile(
      "(?:Redis|PostgreSQL|S3Proxy|DynamoDB Local|Trino \\(Athena stand-in\\)) ready at "
          + "\\S*?127\\.0\\.0\\.1:(\\d+)");

  @Test void readyMeansQueryableAndSigtermStopsEveryEngine() throws Exception {
    Path log = Files.createDirectories(Path.of("target")).resolve("tiergate-local-test.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-Duser.timezone=UTC",
        "-cp", System.getProperty("java.class.path"), LauncherMain.class.getName(),
        "local", "--port", "0", "--data-dir", "target/tiergate-local-test", "--rows", "3000")
        .redirectError(log.toFile())
        .start();
    try {
      List<String> banner = new ArrayList<>();
      String url = awaitReady(process, Duration.ofMinutes(6), log, banner);
      assertThat(String.join("\n", banner)).as("banner after the ready line")
          .contains("admin (password admin, role admin)")
          .contains("reader (password reader, role reader)")
          .contains("a connection without credentials is a reader");
      try (Connection reader = DriverManager.getConnection(url);
          Statement s = reader.createStatement()) {
        assertThatThrownBy(() -> s.executeQuery("CALL tiergate.restore('events', TIMESTAMP "
            + "'2020-01-01 00:00:00', TIMESTAMP '2020-02-01 00:00:00', 'BULK')"))
            .hasMessageContaining("Permission denied: CALL tiergate.restore needs the admin "
                + "role; user 'anonymous' has roles [reader]");
      }
      try (Connection c = DriverManager.getConnection(url + "?user=admin&password=admin");
          Statement s = c.createStatement()) {
        // The demo's Flexible Retrieval and Deep Archive partitions start un-restored, and the
        // banner says how to restore them; after that all of time is readable.
        assertThatThrownBy(() -> s.executeQuery("SELECT COUNT(*) FROM events"))
            .hasMessageContaining("not restored").hasMessageContaining("CALL tiergate.restore(");
        Matcher call = Pattern.compile("CALL tiergate\\.restore\\([^)]*\\)")
            .matcher(Files.readString(log));
        assertThat(call.find()).as("restore hint in %s", log).isTrue();
        try (ResultSet rs = s.executeQuery(call.group())) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString("state")).isEqualTo("RESTORED");
        }
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events")) {
          rs.next();
          assertThat(rs.getLong(1)).isEqualTo(3000);
        }
      }
      List<Integer> enginePorts = new ArrayList<>();
      Matcher m = ENGINE_PORT.matcher(Files.readString(log));
      while (m.find()) {
        enginePorts.add(Integer.parseInt(m.group(1)));
      }
      assertThat(enginePorts).as("engine ports in %s", log).hasSize(5)
          .allMatch(LocalCommandTest::listening);

      process.destroy(); // SIGTERM
      assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("exits on SIGTERM").isTrue();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (enginePorts.stream().anyMatch(LocalCommandTest::listening)
          && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(enginePorts).as("no engine left listening").noneMatch(LocalCommandTest::listening);
    } finally {
      process.destroyForcibly();
    }
  }

  /** The URL of the ready line; {@code banner} gets the lines printed right after it. */
  private static String awaitReady(Process process, Duration timeout, Path log,
      List<String> banner) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (out.ready()) {
        String line = out.readLine();
        Matcher ready = READY.matcher(line == null ? "" : line);
        if (ready.matches()) {
          // The ready line is flushed together with the users' lines that follow it.
          banner.add(out.readLine());
          banner.add(out.readLine());
          return ready.group(1);
        }
      } else if (!process.isAlive()) {
        throw new AssertionError("tiergate local exited with " + process.exitValue() + ":\n"
            + Files.readString(log));
      } else {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("No ready line within " + timeout + ":\n" + Files.readString(log));
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
