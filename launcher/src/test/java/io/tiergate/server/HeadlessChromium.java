package io.tiergate.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium} without a display, as the project's script {@code ops/chromium/ensure}
 * provides it (installing it where missing). Each run has its own profile under
 * {@code target/}, so runs of other test JVMs on the machine do not share one.
 */
final class HeadlessChromium {
  private static final Path ENSURE = Path.of("..", "ops", "chromium", "ensure").toAbsolutePath()
      .normalize();

  /** What one run printed: the DOM (with --dump-dom) and Chromium's own log on stderr. */
  record Run(String stdout, String log) {
    /**
     * The page's console messages. Chromium logs each at INFO as {@code :CONSOLE:} whatever
     * its level, so a page that runs no script should have none: any is an error (a failed
     * resource, a blocked request).
     */
    List<String> consoleLines() {
      return log.lines().filter(l -> l.contains(":CONSOLE")).toList();
    }
  }

  private final Path browser;
  private final Path profile;

  private HeadlessChromium(Path browser, Path profile) {
    this.browser = browser;
    this.profile = profile;
  }

  static HeadlessChromium ensure() throws IOException, InterruptedException {
    Process ensure = new ProcessBuilder(ENSURE.toString()).start();
    String out = new String(ensure.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(ensure.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!ensure.waitFor(10, TimeUnit.MINUTES) || ensure.exitValue() != 0) {
      throw new IllegalStateException("ops/chromium/ensure failed: " + err);
    }
    return new HeadlessChromium(Path.of(out.strip()),
        Files.createTempDirectory(Files.createDirectories(Path.of("target")), "chromium-"));
  }

  /** Loads {@code url} and prints its DOM once loaded. */
  Run dumpDom(String url) throws IOException, InterruptedException {
    return run(List.of("--dump-dom", url));
  }

  /** Loads {@code url} and saves a PNG of the window, {@code width} by {@code height}. */
  Run screenshot(String url, Path png, int width, int height)
      throws IOException, InterruptedException {
    return run(List.of("--screenshot=" + png.toAbsolutePath(),
        "--window-size=" + width + "," + height, url));
  }

  private Run run(List<String> arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(browser.toString(), "--headless=new",
        // as root (the test machine) Chromium refuses to start with its sandbox
        "--no-sandbox", "--disable-gpu", "--user-data-dir=" + profile.toAbsolutePath(),
        "--enable-logging=stderr", "--v=0"));
    command.addAll(arguments);
    Path log = Files.createTempFile(profile.getParent(), "chromium-", ".log");
    Process chromium = new ProcessBuilder(command).redirectError(log.toFile()).start();
    String stdout = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!chromium.waitFor(2, TimeUnit.MINUTES)) {
      chromium.destroyForcibly();
      throw new IllegalStateException("chromium did not finish in 2 minutes: " + command);
    }
    String stderr = Files.readString(log);
    if (chromium.exitValue() != 0) {
      throw new IllegalStateException("chromium exited with " + chromium.exitValue() + ": "
          + stderr);
    }
    return new Run(stdout, stderr);
  }
}
