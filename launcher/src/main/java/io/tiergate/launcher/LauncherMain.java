package io.tiergate.launcher;

import io.tiergate.server.cli.Main;
import io.tiergate.server.cli.TiergateCommand;
import picocli.CommandLine;

/**
 * Entry point of {@code ./tiergate} in a source checkout: the production command line plus
 * {@code local}, which only this module can offer (it needs the stand-ins, which the production
 * archive leaves out).
 */
public final class LauncherMain {
  private LauncherMain() {
  }

  public static void main(String[] args) {
    CommandLine commandLine = new CommandLine(new TiergateCommand())
        .addSubcommand("local", new LocalCommand());
    System.exit(Main.run(commandLine, args));
  }
}
