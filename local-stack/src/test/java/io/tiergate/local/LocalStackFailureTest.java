package io.tiergate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LocalStackFailureTest {

  @Test
  void whenOneEngineCannotStartTheFailureNamesItAndNoEngineIsLeftRunning() throws IOException {
    Path dataDir = TestDirs.of("local-stack-failing");
    Directories.deleteRecursively(dataDir);
    Files.createDirectories(dataDir);
    Files.writeString(dataDir.resolve("redis"), "a file where Redis wants its work directory");
    // Other tests' engines (the shared LocalStack of LocalStackExtension) may be running.
    Set<Long> childrenBefore = runningChildren();

    EngineStartException failure = catchThrowableOfType(EngineStartException.class, () -> LocalStack.start(dataDir));

    assertThat(failure.engine()).isEqualTo(RedisStandIn.ENGINE);
    assertThat(failure).hasMessageStartingWith("Redis did not start");
    // The others were started (in parallel) and stopped again: DynamoDB Local and Trino are
    // child JVMs, Redis would be a child; the postmaster is pg_ctl's, and zonky deleted its data.
    assertThat(runningChildren()).isSubsetOf(childrenBefore);
    assertThat(dataDir.resolve("postgres/data/postmaster.pid")).doesNotExist();
  }

  private static Set<Long> runningChildren() {
    return ProcessHandle.current().children().filter(ChildProcesses::isRunning).map(ProcessHandle::pid)
        .collect(Collectors.toSet());
  }
}
