package io.tiergate.server.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sql", mixinStandardHelpOptions = true,
    description = "An interactive SQL shell (sqlline) through the Tiergate JDBC driver.")
final class SqlCommand implements Callable<Integer> {
  @Option(names = {"-u", "--url"}, defaultValue = "jdbc:tiergate://127.0.0.1:8765",
      description = "JDBC URL of the gateway (default: ${DEFAULT-VALUE}).")
  String url;

  @Option(names = {"-n", "--user"}, description = "User name.")
  String user;

  @Option(names = {"-p", "--password"}, description = "Password.", interactive = true,
      arity = "0..1")
  String password;

  @Option(names = {"-e", "--execute"}, description = "Run this SQL and exit.")
  String execute;

  @Override public Integer call() throws Exception {
    List<String> args = new ArrayList<>(List.of("-d", "io.tiergate.jdbc.Driver", "-u", url,
        "-n", user == null ? "" : user, "-p", password == null ? "" : password,
        "--isolation=TRANSACTION_NONE", "--showWarnings=true"));
    if (execute != null) {
      args.addAll(List.of("-e", execute));
    }
    if (System.console() == null) {
      // No terminal (a pipe, a script): sqlline would size columns to a width of 0.
      args.add("--maxWidth=" + Integer.getInteger("tiergate.sql.width", 200));
    }
    sqlline.SqlLine.Status status = sqlline.SqlLine.start(args.toArray(new String[0]), null,
        true);
    return status == sqlline.SqlLine.Status.OK ? 0 : 1;
  }
}
