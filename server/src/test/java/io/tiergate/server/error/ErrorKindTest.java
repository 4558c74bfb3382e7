package io.tiergate.server.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The codes are a contract with users: unique, and each in docs/errors.md with its state. */
class ErrorKindTest {
  @Test void codesAreUniqueAndNeverAvaticasOwnExceptForAMissingConnection() {
    Set<Integer> codes = new HashSet<>();
    for (ErrorKind kind : ErrorKind.values()) {
      assertThat(codes.add(kind.code())).as("code of " + kind).isTrue();
      assertThat(kind.sqlState()).hasSize(5).isNotEqualTo("00000");
    }
    // Avatica: -1 unknown, 1 missing connection (its client reconnects), 2 unauthorized.
    assertThat(Arrays.stream(ErrorKind.values()).filter(k -> k.code() < 1000))
        .containsExactly(ErrorKind.NO_SUCH_CONNECTION);
  }

  @Test void docsErrorsListsEveryKindWithItsCodeAndState() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "errors.md"));
    for (ErrorKind kind : ErrorKind.values()) {
      assertThat(doc).as(kind.name())
          .contains("| " + kind.code() + " | `" + kind.sqlState() + "` | `" + kind.name() + "` |");
    }
  }
}
