package io.tiergate.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Finds a JDK of at least a given feature version for a child JVM (Trino 483 needs 24+ while the
 * gateway runs on 17). Order: {@code $TIERGATE_TRINO_JAVA_HOME}, the newest suitable JDK under
 * {@code /usr/lib/jvm}, {@code $JAVA_HOME}. A JDK is recognised by its {@code release} file.
 */
final class JdkFinder {
  static final String ENV_OVERRIDE = "TIERGATE_TRINO_JAVA_HOME";

  private final Map<String, String> env;
  private final Path jvmRoot;

  JdkFinder(Map<String, String> env, Path jvmRoot) {
    this.env = env;
    this.jvmRoot = jvmRoot;
  }

  static JdkFinder system() {
    return new JdkFinder(System.getenv(), Path.of("/usr/lib/jvm"));
  }

  /** The {@code java} executable of a JDK with feature version >= {@code minVersion}. */
  Path findJava(int minVersion) {
    List<String> looked = new ArrayList<>();
    Optional<Path> found = fromEnv(ENV_OVERRIDE, minVersion, looked)
        .or(() -> underJvmRoot(minVersion, looked))
        .or(() -> fromEnv("JAVA_HOME", minVersion, looked));
    return found.map(home -> home.resolve("bin").resolve("java")).orElseThrow(() ->
        new IllegalStateException("No JDK >= " + minVersion + " found. Looked at:\n  "
            + String.join("\n  ", looked)
            + "\nInstall one (e.g. Temurin 25) or set " + ENV_OVERRIDE + " to its home."));
  }

  private Optional<Path> fromEnv(String name, int minVersion, List<String> looked) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      looked.add("$" + name + " (not set)");
      return Optional.empty();
    }
    Path home = Path.of(value);
    Optional<String> rejection = rejection(home, minVersion);
    rejection.ifPresent(why -> looked.add("$" + name + "=" + home + " (" + why + ")"));
    return rejection.isPresent() ? Optional.empty() : Optional.of(home);
  }

  private Optional<Path> underJvmRoot(int minVersion, List<String> looked) {
    List<Path> homes = new ArrayList<>();
    try (Stream<Path> children = Files.list(jvmRoot)) {
      // Distributions link one JDK under several names: keep each real directory once.
      children.filter(Files::isDirectory).sorted().map(JdkFinder::realPath).distinct()
          .forEach(homes::add);
    } catch (IOException e) {
      looked.add(jvmRoot + " (" + (Files.exists(jvmRoot) ? "unreadable" : "no such directory") + ")");
      return Optional.empty();
    }
    if (homes.isEmpty()) {
      looked.add(jvmRoot + " (empty)");
    }
    Optional<Path> newest = Optional.empty();
    int newestVersion = 0;
    for (Path home : homes) {
      Optional<String> rejection = rejection(home, minVersion);
      if (rejection.isPresent()) {
        looked.add(home + " (" + rejection.get() + ")");
      } else if (featureVersion(home).orElseThrow() > newestVersion) {
        newest = Optional.of(home);
        newestVersion = featureVersion(home).orElseThrow();
      }
    }
    return newest;
  }

  /** Why {@code home} is not a usable JDK >= minVersion, or empty if it is. */
  private static Optional<String> rejection(Path home, int minVersion) {
    Optional<Integer> version = featureVersion(home);
    if (version.isEmpty()) {
      return Optional.of("no JDK release file");
    }
    if (version.get() < minVersion) {
      return Optional.of("Java " + version.get() + ", too old");
    }
    if (!Files.isExecutable(home.resolve("bin").resolve("java"))) {
      return Optional.of("Java " + version.get() + " but no bin/java");
    }
    return Optional.empty();
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path;
    }
  }

  /** Feature version from the JDK's {@code release} file: JAVA_VERSION="25.0.1" gives 25. */
  static Optional<Integer> featureVersion(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release)) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(release)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
    String version = properties.getProperty("JAVA_VERSION", "").replace("\"", "").trim();
    String[] parts = version.split("[._+-]");
    try {
      int first = Integer.parseInt(parts[0]);
      // "1.8.0_412" style: the feature version is the second number.
      return Optional.of(first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
