package io.tiergate.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "tiergate", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "One SQL database over hot, warm and cold AWS storage tiers.",
    subcommands = {ServeCommand.class, SqlCommand.class, MigrateCommand.class,
        ConfigCommand.class,
        HashPasswordCommand.class, HelpCommand.class})
public final class TiergateCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
