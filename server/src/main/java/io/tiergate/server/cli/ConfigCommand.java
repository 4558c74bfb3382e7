package io.tiergate.server.cli;

import io.tiergate.server.config.ConfigLoader;
import io.tiergate.server.config.ConfigReport;
import io.tiergate.server.config.EffectiveConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tiergate config check --config tiergate.yaml}: is this file what the gateway needs. */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = "Work with a configuration file without running the gateway.",
    subcommands = {ConfigCommand.Check.class})
public final class ConfigCommand implements Runnable {
  @Spec CommandSpec spec;

  private final Map<String, String> environment;

  public ConfigCommand() {
    this(System.getenv());
  }

  /** @param environment the variables the file is read with (the process's, or a test's) */
  public ConfigCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = {"Read a configuration file as `serve` would, with the environment's "
          + "$${VAR} placeholders and TIERGATE_<PATH> overrides, and connect to nothing.",
          "Valid: prints the effective configuration (defaults included, secrets as ****) and "
              + "exits 0. Otherwise prints every problem, one per line as FILE: key.path: "
              + "reason, and exits 1. Warnings (such as a TIERGATE_ variable that is no key) "
              + "do not fail the check."})
  static final class Check implements Callable<Integer> {
    @ParentCommand ConfigCommand parent;
    @Spec CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE",
        description = "The tiergate.yaml to check.")
    Path config;

    @Override public Integer call() {
      ConfigReport report = new ConfigLoader(parent.environment).checkingJdbcDrivers()
          .check(config);
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      report.warnings().forEach(warning -> err.println("warning: " + warning));
      report.errors().forEach(err::println);
      if (!report.valid()) {
        err.flush();
        return 1;
      }
      out.print(EffectiveConfig.yaml(report.config()));
      out.flush();
      err.println(report.source() + ": valid");
      err.flush();
      return 0;
    }
  }
}
