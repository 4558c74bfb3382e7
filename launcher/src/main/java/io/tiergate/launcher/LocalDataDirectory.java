package io.tiergate.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The data directory of {@code tiergate local}. Each start begins from fresh demo data, so the
 * directory is wiped, but only when it is empty or was made by Tiergate (it has the marker
 * file): a mistyped path must never delete a user's files.
 */
public final class LocalDataDirectory {
  static final String MARKER = ".tiergate-local";

  private LocalDataDirectory() {
  }

  public static Path prepare(Path dir) {
    try {
      if (Files.exists(dir)) {
        if (!Files.isDirectory(dir)) {
          throw new IllegalArgumentException("--data-dir " + dir + " is a file, not a directory");
        }
        boolean ours = Files.exists(dir.resolve(MARKER));
        try (Stream<Path> children = Files.list(dir)) {
          if (!ours && children.findAny().isPresent()) {
            throw new IllegalArgumentException("--data-dir " + dir.toAbsolutePath() + " is not "
                + "empty and was not made by tiergate local; choose an empty or new directory");
          }
        }
        try (Stream<Path> all = Files.walk(dir)) {
          all.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> {
            try {
              Files.delete(p);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
        }
      }
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(MARKER), "Made by tiergate local; wiped at each start.\n");
      return dir;
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalStateException("Cannot prepare --data-dir " + dir + ": " + e.getMessage(),
          e);
    }
  }
}
