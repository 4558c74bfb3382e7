package io.tiergate.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Stream;

/** The last lines of an engine's log, for error messages: the log says why an engine failed. */
final class LogTail {
  static final int DEFAULT_LINES = 40;

  private LogTail() {
  }

  static String of(Path logFile) {
    return of(logFile, DEFAULT_LINES);
  }

  static String of(Path logFile, int lines) {
    if (logFile == null || !Files.isRegularFile(logFile)) {
      return "(no log at " + logFile + ")";
    }
    Deque<String> tail = new ArrayDeque<>(lines);
    // new String(bytes, UTF_8) replaces malformed bytes instead of failing: a binary-ish log still shows.
    try (Stream<String> stream = new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8).lines()) {
      stream.forEach(line -> {
        if (tail.size() == lines) {
          tail.removeFirst();
        }
        tail.addLast(line);
      });
    } catch (IOException e) {
      return "(log " + logFile + " unreadable: " + e + ")";
    }
    return "--- last " + tail.size() + " lines of " + logFile + " ---\n" + String.join("\n", tail);
  }

  /** The tail of the most recently written {@code *.log} under {@code dir}, for engines whose log name we do not own. */
  static String newestLogUnder(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      return "(no work directory " + dir + ")";
    }
    try (Stream<Path> files = Files.walk(dir, 3)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".log") && Files.isRegularFile(p))
          .max((a, b) -> lastModified(a).compareTo(lastModified(b)))
          .map(LogTail::of)
          .orElse("(no *.log under " + dir + ")");
    } catch (IOException | RuntimeException e) {
      return "(could not look for logs under " + dir + ": " + e + ")";
    }
  }

  private static Long lastModified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return 0L;
    }
  }
}
