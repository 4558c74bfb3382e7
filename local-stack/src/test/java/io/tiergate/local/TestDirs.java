package io.tiergate.local;

import java.nio.file.Path;

final class TestDirs {
  private TestDirs() {
  }

  /** A work directory of its own under target/, so a run leaves its logs where the build does. */
  static Path of(String name) {
    return Path.of("target", "stand-ins", name).toAbsolutePath();
  }
}
