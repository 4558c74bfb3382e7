package io.tiergate.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stopping engine processes: politely, then forcibly; and reaping ones a killed JVM left behind. */
final class ChildProcesses {
  private static final Logger LOG = LoggerFactory.getLogger(ChildProcesses.class);

  private ChildProcesses() {
  }

  /**
   * Our own child: SIGTERM, wait, then SIGKILL. Waits through {@link Process#waitFor}, which
   * returns once the JDK has reaped the child, so {@code isAlive()} is false afterwards.
   */
  static void stop(Process process, Duration grace) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!waitFor(process, grace)) {
      LOG.warn("pid {} ignored SIGTERM for {}, killing it", process.pid(), grace);
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      waitFor(process, Duration.ofSeconds(5));
    }
  }

  static boolean waitFor(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  /** Someone else's child (the postmaster): SIGTERM, wait, then SIGKILL. */
  static void stop(ProcessHandle process, Duration grace) {
    if (!isRunning(process)) {
      return;
    }
    process.destroy();
    if (!waitForExit(process, grace)) {
      LOG.warn("pid {} ignored SIGTERM for {}, killing it", process.pid(), grace);
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      waitForExit(process, Duration.ofSeconds(5));
    }
  }

  /**
   * Alive and not a zombie. A process that is not our child (the postmaster: pg_ctl daemonizes
   * it, so it is re-parented to PID 1) stays a zombie after it exits until PID 1 reaps it, and
   * PID 1 on these machines (a firecracker init) reaps only every few seconds; the JDK's
   * {@code isAlive()} reports a zombie as alive. Linux only: elsewhere this is {@code isAlive()}.
   */
  static boolean isRunning(ProcessHandle process) {
    if (!process.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"), StandardCharsets.ISO_8859_1);
      // "pid (comm) S ...": the command may contain spaces and parentheses, the state follows the last ')'
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException | RuntimeException e) {
      return process.isAlive();
    }
  }

  /**
   * Polls {@link #isRunning} rather than waiting on {@code onExit()}, which would wait for the
   * zombie to be reaped.
   */
  static boolean waitForExit(ProcessHandle process, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (isRunning(process)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Readiness.sleep(20);
    }
    return true;
  }

  /**
   * A JVM killed with SIGKILL runs no shutdown hook, so redis-server or postgres may outlive it
   * and keep the port and data directory. The next start in the same work directory stops such a
   * leftover through its pid file, if the pid still belongs to a process of that engine (pids
   * are reused).
   */
  static void stopLeftover(Path pidFile, String commandFragment) {
    Optional<ProcessHandle> leftover = readPid(pidFile).flatMap(ProcessHandle::of)
        .filter(ChildProcesses::isRunning)
        .filter(p -> p.info().command().map(c -> c.contains(commandFragment)).orElse(false));
    leftover.ifPresent(p -> {
      LOG.warn("stopping leftover {} (pid {}) from an earlier run, pid file {}", commandFragment, p.pid(), pidFile);
      stop(p, Duration.ofSeconds(10));
    });
  }

  private static Optional<Long> readPid(Path pidFile) {
    try {
      if (!Files.isRegularFile(pidFile)) {
        return Optional.empty();
      }
      String first = Files.readString(pidFile, StandardCharsets.UTF_8).lines().findFirst().orElse("").trim();
      return first.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(first));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
