package io.tiergate.local;

import java.io.IOException;

/**
 * Starts a process, retrying on ETXTBSY ("Text file busy"). The local stack extracts an
 * executable and starts processes from several threads at once: a process forked by another
 * thread in the instant the executable was still open for writing inherits that descriptor, and
 * exec of the file fails until the fork has closed it (a few milliseconds).
 */
final class ExecRetry {
  private static final int ATTEMPTS = 20;

  private ExecRetry() {
  }

  static Process start(ProcessBuilder builder) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        return builder.start();
      } catch (IOException e) {
        boolean textFileBusy = String.valueOf(e.getMessage()).contains("error=26");
        if (!textFileBusy || attempt == ATTEMPTS) {
          throw e;
        }
        Readiness.sleep(50);
      }
    }
  }
}
