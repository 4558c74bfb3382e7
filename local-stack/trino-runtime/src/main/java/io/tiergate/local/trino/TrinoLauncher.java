package io.tiergate.local.trino;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Main class of the Trino child JVM (the Athena stand-in): one coordinator with the Hive
 * connector as catalog {@code hive} (file metastore on local disk, data on S3).
 *
 * <p>Trino 483 is Java 25 bytecode while the reactor compiles for Java 17, so Trino is reached
 * only by reflection here; this class runs only in the child JVM (JDK >= 24).
 *
 * <p>Protocol with the parent: args[0] is a properties file of catalog properties that vary per
 * run ({@code s3.endpoint}, {@code s3.region}, {@code s3.aws-access-key}, {@code s3.aws-secret-key},
 * {@code local.location}); they are merged over {@link #FIXED_CATALOG_PROPERTIES}. When ready,
 * exactly one line {@code TIERGATE-TRINO-READY <httpPort>} goes to stdout. EOF on stdin ends the
 * process, so it dies with its parent.
 */
public final class TrinoLauncher {
  public static final String READY_PREFIX = "TIERGATE-TRINO-READY ";

  static final Map<String, String> FIXED_CATALOG_PROPERTIES = fixedCatalogProperties();

  private TrinoLauncher() {
  }

  public static void main(String[] args) throws Exception {
    // Airlift's logging swaps System.out/err for loggers: write the ready line to the real fd 1.
    PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
    PrintStream stderr = new PrintStream(new FileOutputStream(FileDescriptor.err), true, "UTF-8");
    exitOnStdinEof(System.in);
    try {
      Map<String, String> catalog = new LinkedHashMap<>(FIXED_CATALOG_PROPERTIES);
      catalog.putAll(load(Path.of(args[0])));
      quietLogging();
      Object server = startServer(catalog);
      URI baseUrl = (URI) server.getClass().getMethod("getBaseUrl").invoke(server);
      stdout.println(READY_PREFIX + baseUrl.getPort());
    } catch (Throwable e) {
      stderr.println("Trino launcher failed:");
      e.printStackTrace(stderr);
      System.exit(1);
    }
  }

  private static Map<String, String> fixedCatalogProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    // Metastore: JSON files on the local file system, under local.location (set per run).
    p.put("hive.metastore", "file");
    p.put("hive.metastore.catalog.dir", "local:///metastore");
    p.put("fs.local.enabled", "true");
    // Data: native S3 file system (483 key; fs.native-s3.enabled is its legacy alias).
    p.put("fs.s3.enabled", "true");
    p.put("s3.path-style-access", "true");
    // Partitions written by the lifecycle are registered like Athena's ADD PARTITION.
    p.put("hive.allow-register-partition-procedure", "true");
    // Read every object, whatever its class. Athena silently skips GLACIER / DEEP_ARCHIVE
    // objects (READ_NON_GLACIER); a silent partial answer is what Tiergate must never give, so
    // the gateway decides from the manifest what is readable (restored or not) before any
    // scan, and the stand-in reads what it is sent to. (S3Proxy serves such objects anyway.)
    p.put("hive.s3-glacier-filter", "READ_ALL");
    // Cold tables are external (external_location on S3), and tests insert into them.
    p.put("hive.non-managed-table-writes-enabled", "true");
    p.put("hive.non-managed-table-creates-enabled", "true");
    // Cold tables use partition projection, as on Athena, so the file metastore holds no
    // partitions; with statistics on, Trino's cost-based planner asks it for their statistics
    // (COUNT(DISTINCT ...) grouped, for one) and fails with "Partition '<table>' not found".
    // Athena plans projected tables without partition statistics; so does the stand-in.
    p.put("hive.table-statistics-enabled", "false");
    // Which Trino requires of a catalog without table statistics (tests insert into tables).
    p.put("hive.collect-column-statistics-on-write", "false");
    return p;
  }

  private static Object startServer(Map<String, String> catalog) throws Exception {
    Class<?> serverClass = Class.forName("io.trino.server.testing.TestingTrinoServer");
    Object builder = serverClass.getMethod("builder").invoke(null);
    Class<?> builderClass = builder.getClass();
    builderClass.getMethod("setEnvironment", String.class).invoke(builder, "tiergate");
    // Port 0: a free port. TestingTrinoServer's node module binds to 127.0.0.1 only.
    builderClass.getMethod("setProperties", Map.class)
        .invoke(builder, Map.of("http-server.http.port", "0"));
    Object server = builderClass.getMethod("build").invoke(builder);

    Class<?> pluginClass = Class.forName("io.trino.spi.Plugin");
    Object hivePlugin = Class.forName("io.trino.plugin.hive.HivePlugin")
        .getConstructor().newInstance();
    serverClass.getMethod("installPlugin", pluginClass).invoke(server, hivePlugin);
    serverClass.getMethod("createCatalog", String.class, String.class, Map.class)
        .invoke(server, "hive", "hive", catalog);
    return server;
  }

  /** WARN and above only: the log file should show problems, not Trino's startup chatter. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void quietLogging() throws Exception {
    Class<?> loggingClass = Class.forName("io.airlift.log.Logging");
    Class levelClass = Class.forName("io.airlift.log.Level");
    Object logging = loggingClass.getMethod("initialize").invoke(null);
    loggingClass.getMethod("setRootLevel", levelClass)
        .invoke(logging, Enum.valueOf(levelClass, "WARN"));
  }

  private static void exitOnStdinEof(InputStream in) {
    Thread watcher = new Thread(() -> {
      try {
        byte[] buffer = new byte[256];
        while (in.read(buffer) != -1) {
          // the parent never writes; only EOF matters
        }
      } catch (IOException ignored) {
        // a broken pipe means the parent is gone too
      }
      System.exit(0);
    }, "exit-on-stdin-eof");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static Map<String, String> load(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    Map<String, String> map = new LinkedHashMap<>();
    properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
    return map;
  }
}
