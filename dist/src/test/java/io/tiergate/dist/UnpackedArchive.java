package io.tiergate.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The production archive as an operator has it: unpacked with tar into a fresh directory. */
record UnpackedArchive(Path home) {
  static UnpackedArchive into(Path directory) throws IOException, InterruptedException {
    Path archive = Path.of(System.getProperty("tiergate.archive",
        "target/tiergate-unknown.tar.gz"));
    if (!Files.isRegularFile(archive)) {
      throw new IllegalStateException("No archive at " + archive.toAbsolutePath()
          + ": run the package phase first (./mvnw -B verify)");
    }
    Process tar = new ProcessBuilder("tar", "xzf", archive.toAbsolutePath().toString(),
        "-C", directory.toString()).inheritIO().start();
    if (!tar.waitFor(2, TimeUnit.MINUTES) || tar.exitValue() != 0) {
      throw new IllegalStateException("tar could not unpack " + archive);
    }
    try (Stream<Path> top = Files.list(directory)) {
      List<Path> dirs = top.toList();
      if (dirs.size() != 1) {
        throw new IllegalStateException("The archive should hold one top directory, not "
            + dirs);
      }
      return new UnpackedArchive(dirs.get(0));
    }
  }

  Path bin() {
    return home.resolve("bin/tiergate");
  }

  List<String> jarNames() throws IOException {
    try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
      return jars.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
