package io.tiergate.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * The redis-server executable, taken from the {@code com.github.codemonstur:embedded-redis}
 * 1.4.4 jar, where it is a classpath resource. Only the binary is used, not that library's
 * launcher: starting the process here gives full control over its arguments (cluster mode,
 * several processes, pid file, log file). Despite its resource name ({@code 6.2.6-v5}) the
 * binary reports Redis 6.2.11; it is built for linux-amd64 and links OpenSSL 3.
 */
final class RedisServerBinary {
  static final String RESOURCE = "/redis-server-6.2.6-v5-linux-amd64";

  private RedisServerBinary() {
  }

  /** Copies the binary into {@code dir} (once; concurrent callers are safe) and returns it. */
  static Path extractTo(Path dir) {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch");
    if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      throw new IllegalStateException("the bundled redis-server is for linux-amd64, this is " + os + "/" + arch);
    }
    Path target = dir.resolve("redis-server");
    try (InputStream in = RedisServerBinary.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " not on the classpath (com.github.codemonstur:embedded-redis)");
      }
      Files.createDirectories(dir);
      if (Files.isExecutable(target)) {
        return target;
      }
      // Written under a temporary name and moved into place, so no one ever executes half a file.
      Path partial = Files.createTempFile(dir, "redis-server", ".partial");
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("could not extract redis-server into " + dir, e);
    }
  }
}
