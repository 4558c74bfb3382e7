package io.tiergate.local;

import io.tiergate.local.dynamodb.DynamoDbLocalLauncher;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local 2.x, in memory, in a child JVM. It cannot run in this JVM: it brings Jetty 12
 * (unshaded), SDK v1, Jackson 2.12 and log4j, while Avatica's server needs Jetty 9.4 in the same
 * packages. The child's classpath is the one the tiergate-dynamodb-local-runtime module resolved
 * at build time (classpath.txt next to the launcher class); the child exits when its stdin
 * closes, i.e. at {@link #close()} or when this JVM dies in any way.
 */
public final class DynamoDbLocalStandIn implements AutoCloseable {
  public static final Region REGION = Region.US_EAST_1;
  static final String ENGINE = "DynamoDB Local";
  private static final Logger LOG = LoggerFactory.getLogger(DynamoDbLocalStandIn.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final URI endpoint;
  private final Path logFile;

  private DynamoDbLocalStandIn(Process process, URI endpoint, Path logFile) {
    this.process = process;
    this.endpoint = endpoint;
    this.logFile = logFile;
  }

  public static DynamoDbLocalStandIn start(Path workDir) {
    long started = System.nanoTime();
    int port = FreePort.pick();
    Path logFile = workDir.resolve("dynamodb.log");
    Process process = launch(workDir, port, logFile);
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    DynamoDbLocalStandIn standIn = new DynamoDbLocalStandIn(process, endpoint, logFile);
    try {
      awaitReadyLine(process, logFile);
      try (DynamoDbClient client = standIn.client()) {
        Readiness.await(ENGINE, READY_TIMEOUT, process::isAlive, client::listTables);
      }
    } catch (RuntimeException e) {
      standIn.close();
      throw new EngineStartException(ENGINE, LogTail.of(logFile), e);
    }
    LOG.info("DynamoDB Local ready at {} (pid {}) in {} ms", endpoint, process.pid(),
        (System.nanoTime() - started) / 1_000_000);
    return standIn;
  }

  public URI endpoint() {
    return endpoint;
  }

  public Path logFile() {
    return logFile;
  }

  long pid() {
    return process.pid();
  }

  /** A client as the gateway builds one: Apache HTTP client (~4x faster here than url-connection). */
  public DynamoDbClient client() {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(REGION)
        // DynamoDB Local accepts any credentials, but the SDK insists on having some.
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        // Explicit: apache5 and netty clients are on the classpath too, and the SDK refuses to guess.
        .httpClientBuilder(ApacheHttpClient.builder())
        .build();
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    try {
      process.getOutputStream().close(); // EOF on the child's stdin: it stops and exits
    } catch (IOException e) {
      LOG.debug("closing DynamoDB Local's stdin", e);
    }
    if (!ChildProcesses.waitFor(process, Duration.ofSeconds(10))) {
      ChildProcesses.stop(process, Duration.ofSeconds(5));
    }
    LOG.info("DynamoDB Local stopped (pid {})", process.pid());
  }

  private static Process launch(Path workDir, int port, Path logFile) {
    try {
      Files.createDirectories(workDir);
      Path tmpDir = workDir.resolve("dynamodb-tmp"); // sqlite4java's natives are extracted here
      Files.createDirectories(tmpDir);
      Path argFile = workDir.resolve("dynamodb-java.args");
      // An @argfile: the classpath is ~9 KB, and a file shows exactly what was launched.
      Files.write(argFile, List.of(
          "-Xmx256m",
          "-XX:+UseSerialGC",
          "-Djava.io.tmpdir=" + quote(tmpDir.toString()),
          "-cp",
          quote(childClasspath()),
          DynamoDbLocalLauncher.class.getName(),
          Integer.toString(port)), StandardCharsets.UTF_8);
      return new ProcessBuilder(javaExecutable(), "@" + argFile)
          .directory(workDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()))
          .start();
    } catch (IOException e) {
      throw new EngineStartException(ENGINE, "(could not launch its JVM)", e);
    }
  }

  /** The launcher's own jar (or classes directory in a reactor build) plus DynamoDB Local's jars. */
  private static String childClasspath() throws IOException {
    Path launcherLocation;
    try {
      launcherLocation = Path.of(DynamoDbLocalLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the DynamoDB Local launcher", e);
    }
    try (InputStream in = DynamoDbLocalLauncher.class.getResourceAsStream("classpath.txt")) {
      if (in == null) {
        throw new IllegalStateException("classpath.txt missing beside " + DynamoDbLocalLauncher.class
            + ": build local-stack/dynamodb-runtime");
      }
      String dependencies = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      return launcherLocation + java.io.File.pathSeparator + dependencies;
    }
  }

  /** The java of this JVM, so the child runs on the same JDK. */
  static String javaExecutable() {
    Optional<String> command = ProcessHandle.current().info().command();
    if (command.isPresent() && command.get().endsWith("/java")) {
      return command.get();
    }
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String quote(String argument) {
    return '"' + argument.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static void awaitReadyLine(Process process, Path logFile) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (!readyLineIn(logFile)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("DynamoDB Local's JVM exited with " + process.exitValue());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no " + DynamoDbLocalLauncher.READY_PREFIX.trim() + " line within " + READY_TIMEOUT);
      }
      Readiness.sleep(25);
    }
  }

  private static boolean readyLineIn(Path logFile) {
    try {
      return Files.isRegularFile(logFile)
          && Files.readString(logFile, StandardCharsets.ISO_8859_1).contains(DynamoDbLocalLauncher.READY_PREFIX);
    } catch (IOException e) {
      return false;
    }
  }
}
