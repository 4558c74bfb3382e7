package io.tiergate.local;

import io.tiergate.local.trino.TrinoLauncher;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Athena stand-in: Trino 483 with the Hive connector (catalog {@code hive}, file metastore
 * under {@code workDir/data}, tables on S3) in a child JVM.
 *
 * <p>A child JVM because Trino needs JDK >= 24 and bundles its own Calcite, Jetty and Guava, none
 * of which may meet the gateway's. Its jars come from {@code tiergate-trino-runtime}: the launcher
 * class and the classpath list inside that jar. The child exits when its stdin closes, so it
 * dies with this JVM even on {@code kill -9}; a shutdown hook covers the ordinary exit.
 */
public final class TrinoStandIn implements AutoCloseable {
  /** The name every error of this stand-in starts with. */
  public static final String ENGINE = "Trino (Athena stand-in)";
  /** The JDBC user; Trino's testing server accepts any user without a password. */
  public static final String USER = "tiergate";

  private static final Logger LOG = LoggerFactory.getLogger(TrinoStandIn.class);
  private static final int MIN_JAVA = 24;
  // ~10 s on 2 idle cores, but 60-72 s measured while other builds loaded them (load 18-22);
  // a crashed child is noticed at once anyway, so the limit only has to catch a hang.
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  private static final List<String> JVM_OPTIONS = List.of(
      "-Xmx512m",
      "-XX:+UseSerialGC",
      "--add-modules=jdk.incubator.vector", // Trino's vectorised code needs it
      "--sun-misc-unsafe-memory-access=allow", // quiet: Trino's libraries still use Unsafe
      "--enable-native-access=ALL-UNNAMED", // quiet: compression codecs load natives
      "-Duser.timezone=UTC");

  private static final Pattern READY_LINE =
      Pattern.compile(Pattern.quote(TrinoLauncher.READY_PREFIX) + "(\\d+)");

  private final Process process;
  private final Thread shutdownHook;
  private final int port;

  private TrinoStandIn(Process process, Thread shutdownHook, int port) {
    this.process = process;
    this.shutdownHook = shutdownHook;
    this.port = port;
  }

  /** Starts Trino; returns once {@code SELECT 1} answers over JDBC (~10 s on 2 idle cores). */
  public static TrinoStandIn start(Path workDir, S3Endpoint s3) {
    return start(workDir, s3, JdkFinder.system());
  }

  static TrinoStandIn start(Path workDir, S3Endpoint s3, JdkFinder jdks) {
    long startNanos = System.nanoTime();
    Path logFile = workDir.resolve("trino.log");
    Process process;
    try {
      Path java = jdks.findJava(MIN_JAVA);
      Path argFile = prepare(workDir.toAbsolutePath(), s3);
      ProcessBuilder builder = new ProcessBuilder(java.toString(), "@" + argFile)
          .directory(workDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
      builder.environment().put("NO_COLOR", "1"); // Airlift colours its log even when not a TTY
      process = builder.start();
    } catch (IOException | RuntimeException e) {
      throw new EngineStartException(ENGINE, "(its JVM was not launched)", e);
    }
    Thread shutdownHook = new Thread(process::destroy, "trino-stand-in-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    TrinoStandIn standIn = null;
    try {
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      int port = awaitReadyLine(process, logFile, deadline);
      standIn = new TrinoStandIn(process, shutdownHook, port);
      Readiness.await(ENGINE, Duration.ofNanos(deadline - System.nanoTime()), process::isAlive,
          standIn::selectOne);
    } catch (RuntimeException e) {
      stop(process, shutdownHook);
      throw new EngineStartException(ENGINE, LogTail.of(logFile), e);
    }
    LOG.info("{} ready at {} (pid {}) in {} ms", ENGINE, standIn.jdbcUrl(), process.pid(),
        (System.nanoTime() - startNanos) / 1_000_000);
    return standIn;
  }

  public String jdbcUrl() {
    return "jdbc:trino://127.0.0.1:" + port + "/hive";
  }

  public int port() {
    return port;
  }

  /** Stops the child and waits for it to be gone. */
  @Override
  public void close() {
    stop(process, shutdownHook);
    LOG.info("{} stopped (pid {})", ENGINE, process.pid());
  }

  /** Directories, the catalog properties and the java argfile; returns the argfile. */
  private static Path prepare(Path workDir, S3Endpoint s3) throws IOException {
    Files.createDirectories(workDir);
    Path tmp = workDir.resolve("tmp");
    Directories.deleteRecursively(tmp); // Trino unpacks natives and temp dirs here
    Files.createDirectories(tmp);
    // The file metastore. Empty at every start, like S3StandIn's buckets: tables left from an
    // earlier run would point at objects that no longer exist.
    Path data = workDir.resolve("data");
    Directories.deleteRecursively(data);
    Files.createDirectories(data.resolve("metastore"));

    Properties catalog = new Properties();
    catalog.setProperty("local.location", data.toString());
    catalog.setProperty("s3.endpoint", s3.endpoint().toString());
    catalog.setProperty("s3.region", s3.region());
    catalog.setProperty("s3.aws-access-key", s3.accessKey());
    catalog.setProperty("s3.aws-secret-key", s3.secretKey());
    Path catalogFile = workDir.resolve("trino-catalog.properties");
    try (Writer writer = Files.newBufferedWriter(catalogFile, StandardCharsets.UTF_8)) {
      catalog.store(writer, "catalog hive: per-run properties, merged over TrinoLauncher's");
    }

    // An argfile because the classpath (~260 jars) is too long for a readable command line.
    List<String> args = new ArrayList<>(JVM_OPTIONS);
    args.add("-Djava.io.tmpdir=" + tmp);
    args.add("-cp");
    args.add(String.join(File.pathSeparator, childClasspath()));
    args.add(TrinoLauncher.class.getName());
    args.add(catalogFile.toString());
    Path argFile = workDir.resolve("trino-jvm.args");
    List<String> quoted = new ArrayList<>();
    for (String arg : args) {
      quoted.add('"' + arg.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
    }
    Files.write(argFile, quoted, StandardCharsets.UTF_8);
    return argFile;
  }

  /** The launcher's jar (or classes directory in a reactor build) plus Trino's jars. */
  private static List<String> childClasspath() throws IOException {
    List<String> entries = new ArrayList<>();
    try {
      entries.add(Path.of(TrinoLauncher.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI()).toString());
    } catch (URISyntaxException e) {
      throw new IOException("cannot locate the tiergate-trino-runtime jar", e);
    }
    String listed;
    try (InputStream in = TrinoLauncher.class.getResourceAsStream("classpath.txt")) {
      if (in == null) {
        throw new IOException("classpath.txt missing from tiergate-trino-runtime");
      }
      listed = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
    for (String jar : listed.split(File.pathSeparator)) {
      if (!Files.isRegularFile(Path.of(jar))) {
        // The list holds absolute paths into the local Maven repository of the build.
        throw new IOException("jar " + jar + " listed in tiergate-trino-runtime's classpath.txt is"
            + " missing; rebuild it here: ./mvnw -pl local-stack/trino-runtime install");
      }
      entries.add(jar);
    }
    return entries;
  }

  private static int awaitReadyLine(Process process, Path logFile, long deadline) {
    while (true) {
      for (String line : readLines(logFile)) {
        Matcher ready = READY_LINE.matcher(line); // stdout and stderr share the file
        if (ready.find()) {
          return Integer.parseInt(ready.group(1));
        }
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("its JVM exited with " + process.exitValue()
            + " before printing " + TrinoLauncher.READY_PREFIX.trim());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no " + TrinoLauncher.READY_PREFIX.trim() + " line within "
            + START_TIMEOUT);
      }
      Readiness.sleep(100);
    }
  }

  /** Readiness means a real query answers, not just an open port. */
  private void selectOne() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", USER);
    try (Connection connection = DriverManager.getConnection(jdbcUrl(), properties);
         Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT 1")) {
      if (!rs.next() || rs.getInt(1) != 1) {
        throw new SQLException("SELECT 1 did not return 1");
      }
    }
  }

  private static void stop(Process process, Thread shutdownHook) {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or about to: it destroys the child
    }
    if (!process.isAlive()) {
      return;
    }
    try {
      process.getOutputStream().close(); // EOF on the child's stdin: the launcher exits
    } catch (IOException e) {
      LOG.debug("closing Trino's stdin", e);
    }
    if (!ChildProcesses.waitForExit(process.toHandle(), Duration.ofSeconds(10))) {
      ChildProcesses.stop(process.toHandle(), Duration.ofSeconds(5));
    }
  }

  private static List<String> readLines(Path file) {
    try {
      // Lenient decoding: the child may be mid-way through writing a character.
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
