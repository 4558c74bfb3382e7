package io.tiergate.server.cli;

import picocli.CommandLine;

/** Entry point of the production {@code bin/tiergate}. */
public final class Main {
  private Main() {
  }

  public static void main(String[] args) {
    System.exit(run(new CommandLine(new TiergateCommand()), args));
  }

  /**
   * Runs Tiergate's command line, with whatever subcommands the caller added to it (the local
   * launcher adds {@code local}); a failure prints its reason and exits 1.
   */
  public static int run(CommandLine commandLine, String[] args) {
    org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
    org.slf4j.bridge.SLF4JBridgeHandler.install();
    return commandLine
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          cmd.getErr().println("tiergate: " + message(e));
          org.slf4j.LoggerFactory.getLogger(Main.class).debug("Failure", e);
          return 1;
        })
        .execute(args);
  }

  private static String message(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c.getMessage() != null && !text.toString().contains(c.getMessage())) {
        text.append("\n  caused by: ").append(c.getMessage());
      }
    }
    return text.toString();
  }
}
