package io.tiergate.server.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ./tiergate migrate events}: runs {@code CALL tiergate.migrate} on a gateway and shows
 * the running job's progress from {@code tiergate.jobs} while it works, then what each job did.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
    description = "Moves a tiered table's aged data to its next tiers on a running gateway, "
        + "with a progress bar (CALL tiergate.migrate through the JDBC driver).")
final class MigrateCommand implements Callable<Integer> {
  private static final String JOBS = "SELECT job_id, transition, step, rows_done, rows_total "
      + "FROM tiergate.jobs WHERE table_name = ? AND state = 'RUNNING'";

  @Spec CommandSpec spec;

  @Parameters(index = "0", defaultValue = "events", paramLabel = "TABLE",
      description = "The tiered table (default: ${DEFAULT-VALUE}).")
  String table;

  @Option(names = {"-u", "--url"}, defaultValue = "jdbc:tiergate://127.0.0.1:8765",
      description = "JDBC URL of the gateway (default: ${DEFAULT-VALUE}).")
  String url;

  @Option(names = {"-n", "--user"}, description = "User name (an admin).")
  String user;

  @Option(names = {"-p", "--password"}, description = "Password.", interactive = true,
      arity = "0..1")
  String password;

  @Option(names = "--dry-run", description = "Show what would move; move nothing.")
  boolean dryRun;

  @Option(names = "--expire", description = "Also delete what is past retention.")
  boolean expire;

  @Override public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Properties info = new Properties();
    if (user != null) {
      info.setProperty("user", user);
    }
    if (password != null) {
      info.setProperty("password", password);
    }
    String call = "CALL tiergate." + (expire ? "expire" : "migrate") + "('"
        + table.replace("'", "''") + "'" + (dryRun ? ", TRUE" : "") + ")";
    try (Connection calling = DriverManager.getConnection(url, info);
        Connection watching = DriverManager.getConnection(url, info)) {
      CompletableFuture<String> result = CompletableFuture.supplyAsync(() -> run(calling, call));
      watch(watching, result, out);
      out.println(result.get());
      return 0;
    } catch (ExecutionException e) {
      spec.commandLine().getErr().println("Migration of " + table + " failed: "
          + e.getCause().getMessage());
      return 1;
    }
  }

  /** Draws the running job's progress until the call returns. */
  private void watch(Connection c, CompletableFuture<String> result, PrintWriter out)
      throws SQLException, InterruptedException, ExecutionException {
    ProgressBar bar = null;
    String shown = null;
    try (PreparedStatement jobs = c.prepareStatement(JOBS)) {
      jobs.setString(1, table);
      while (true) {
        try {
          result.get(500, TimeUnit.MILLISECONDS);
          break;
        } catch (TimeoutException stillRunning) {
          // poll the job below
        }
        try (ResultSet rs = jobs.executeQuery()) {
          if (!rs.next()) {
            continue;
          }
          String job = rs.getString(1) + " " + rs.getString(2);
          if (!job.equals(shown)) {
            if (bar != null) {
              bar.close();
            }
            bar = new ProgressBarBuilder().setTaskName(job).setStyle(ProgressBarStyle.ASCII)
                .setInitialMax(Math.max(1, rs.getLong(5))).setUnit(" rows", 1)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(
                    System.out)).build();
            shown = job;
          }
          bar.maxHint(Math.max(1, rs.getLong(5)));
          bar.stepTo(rs.getLong(4));
          bar.setExtraMessage(rs.getString(3));
        }
      }
    } finally {
      if (bar != null) {
        bar.close();
      }
    }
    out.flush();
  }

  private static String run(Connection c, String call) {
    StringBuilder text = new StringBuilder();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(call)) {
      text.append(String.format("%-14s %-13s %-24s %-24s %-13s %-8s %10s%n", "job", "transition",
          "from", "to", "class", "state", "rows"));
      while (rs.next()) {
        text.append(String.format("%-14s %-13s %-24s %-24s %-13s %-8s %,10d%n",
            rs.getString("job_id"), rs.getString("transition"), rs.getString("slice_from"),
            rs.getString("slice_to"), rs.getString("storage_class") == null ? "-"
                : rs.getString("storage_class"), rs.getString("state"),
            rs.getLong("rows_done")));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    return text.toString();
  }
}
