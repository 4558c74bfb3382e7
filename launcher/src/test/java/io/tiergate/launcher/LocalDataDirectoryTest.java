package io.tiergate.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDataDirectoryTest {
  @TempDir Path temp;

  @Test void wipesOnlyItsOwnDirectories() throws Exception {
    Path dir = temp.resolve("local");
    LocalDataDirectory.prepare(dir);
    Files.writeString(dir.resolve("old-engine-file"), "x");
    LocalDataDirectory.prepare(dir);
    assertThat(dir.resolve("old-engine-file")).doesNotExist();
    assertThat(dir.resolve(LocalDataDirectory.MARKER)).exists();
  }

  @Test void refusesForeignNonEmptyDirectory() throws Exception {
    Path foreign = Files.createDirectories(temp.resolve("photos"));
    Files.writeString(foreign.resolve("holiday.jpg"), "x");
    assertThatThrownBy(() -> LocalDataDirectory.prepare(foreign))
        .hasMessageContaining("photos").hasMessageContaining("not made by tiergate local");
    assertThat(foreign.resolve("holiday.jpg")).exists();
  }
}
