package io.tiergate.adapter.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiergate.local.LocalStack;
import io.tiergate.local.LocalStackExtension;
import io.tiergate.local.TrinoStandIn;
import io.tiergate.local.athena.AthenaApiStandIn;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionResponse;

/**
 * The SDK path when Athena goes away or takes too long, each test with its own API stand-in
 * (the Trino behind it is the shared one and stays up): the query fails within 5 s with an
 * error naming the endpoint and the query, and never ends as if its rows were all there.
 */
@ExtendWith(LocalStackExtension.class)
class AthenaSdkFaultTest {
  private static final String ROWS_3000 = "SELECT x FROM UNNEST(sequence(1, 3000)) AS t(x)";

  private static AthenaSettings settings(Duration timeout) {
    return AthenaSettings.of("tiergate-test", "s3://tiergate-results/athena/", "hive",
        "archive", Duration.ofMinutes(0), timeout);
  }

  /** Closes {@code api} right after the first response {@code when} accepts. */
  private static ExecutionInterceptor closeAfter(AtomicReference<AthenaApiStandIn> api,
      Predicate<SdkResponse> when) {
    return new ExecutionInterceptor() {
      @Override public void afterExecution(Context.AfterExecution context,
          ExecutionAttributes attributes) {
        AthenaApiStandIn running = api.get();
        if (running != null && when.test(context.response())) {
          api.set(null);
          running.close();
        }
      }
    };
  }

  @Test void anEndpointGoneMidQueryFailsItWithinFiveSeconds(LocalStack stack)
      throws IOException {
    AtomicReference<AthenaApiStandIn> api = new AtomicReference<>(
        AthenaApiStandIn.start(stack.trinoJdbcUrl(), TrinoStandIn.USER));
    String address = api.get().endpoint().getAuthority();
    try (AthenaClient client = AthenaClientFactory.create(api.get().endpoint(), "us-east-1",
        "test", "test", closeAfter(api, r -> r instanceof StartQueryExecutionResponse))) {
      SdkAthenaExecutor executor = new SdkAthenaExecutor(client, settings(Duration.ofMinutes(1)),
          address);
      long start = System.nanoTime();
      assertThatThrownBy(() -> executor.execute(ROWS_3000, List.of()))
          .isInstanceOf(AthenaQueryException.class)
          .hasMessageMatching("Athena at " + address + ": cannot follow query [0-9a-f-]{36}: .*");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test void anEndpointGoneBetweenPagesEndsTheReadWithAnError(LocalStack stack)
      throws IOException, SQLException {
    AtomicReference<AthenaApiStandIn> api = new AtomicReference<>(
        AthenaApiStandIn.start(stack.trinoJdbcUrl(), TrinoStandIn.USER));
    String address = api.get().endpoint().getAuthority();
    try (AthenaClient client = AthenaClientFactory.create(api.get().endpoint(), "us-east-1",
        "test", "test", closeAfter(api, r -> r instanceof GetQueryResultsResponse))) {
      SdkAthenaExecutor executor = new SdkAthenaExecutor(client, settings(Duration.ofMinutes(1)),
          address);
      List<Object> seen = new ArrayList<>();
      try (AthenaRows rows = executor.execute(ROWS_3000, List.of())) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> {
          while (rows.next()) {
            seen.add(rows.value(0));
          }
        }).isInstanceOf(AthenaQueryException.class)
            .hasMessageStartingWith("Athena at " + address + ": cannot read the results of"
                + " query " + rows.queryId() + ": ");
        assertThat(Duration.ofNanos(System.nanoTime() - start))
            .isLessThan(Duration.ofSeconds(5));
      }
      assertThat(seen).hasSize(999); // the first page: the header row and 999 rows
    }
  }

  @Test void anEndpointThatNeverAnswersFailsWithinFiveSeconds() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> accepted = new ArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            accepted.add(silent.accept()); // kept open, never answered
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      java.net.URI endpoint = java.net.URI.create("http://127.0.0.1:" + silent.getLocalPort());
      try (AthenaClient client = AthenaClientFactory.create(endpoint, "us-east-1", "test",
          "test")) {
        SdkAthenaExecutor executor = new SdkAthenaExecutor(client,
            settings(Duration.ofMinutes(1)), endpoint.getAuthority());
        long start = System.nanoTime();
        assertThatThrownBy(() -> executor.execute("SELECT 1", List.of()))
            .isInstanceOf(SQLException.class)
            .hasMessageStartingWith("Athena at 127.0.0.1:" + silent.getLocalPort()
                + " could not start the query: ");
        assertThat(Duration.ofNanos(System.nanoTime() - start))
            .isLessThan(Duration.ofSeconds(5));
      }
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  @Test void aQueryOverItsTimeoutIsStopped(LocalStack stack) throws IOException {
    try (AthenaApiStandIn api = AthenaApiStandIn.start(stack.trinoJdbcUrl(), TrinoStandIn.USER);
         AthenaClient client = AthenaClientFactory.create(api.endpoint(), "us-east-1", "test",
             "test")) {
      SdkAthenaExecutor executor = new SdkAthenaExecutor(client, settings(Duration.ofSeconds(1)),
          api.endpoint().getAuthority());
      // Seconds of work for Trino: 10^8 rows of a cross join.
      String slow = "SELECT count(*) FROM UNNEST(sequence(1, 10000)) AS a(x)"
          + " CROSS JOIN UNNEST(sequence(1, 10000)) AS b(y) WHERE x * y % 7 = 3";
      AtomicReference<String> queryId = new AtomicReference<>();
      assertThatThrownBy(() -> executor.execute(slow, List.of()))
          .isInstanceOf(SQLTimeoutException.class)
          .hasMessageMatching("Athena query [0-9a-f-]{36} did not finish within 1 s"
              + " \\(still (QUEUED|RUNNING)\\); stopped it")
          .satisfies(e -> queryId.set(e.getMessage().split(" ")[2]));
      // StopQueryExecution reached the stand-in, which cancelled the query on Trino.
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      QueryExecutionState state;
      do {
        state = client.getQueryExecution(r -> r.queryExecutionId(queryId.get()))
            .queryExecution().status().state();
      } while (state == QueryExecutionState.RUNNING && System.nanoTime() < deadline);
      assertThat(state).isEqualTo(QueryExecutionState.CANCELLED);
    }
  }

  @Test void cancelStopsTheRunningQuery(LocalStack stack) throws Exception {
    CompletableFuture<String> started = new CompletableFuture<>();
    try (AthenaApiStandIn api = AthenaApiStandIn.start(stack.trinoJdbcUrl(), TrinoStandIn.USER);
         AthenaClient client = AthenaClientFactory.create(api.endpoint(), "us-east-1", "test",
             "test", new ExecutionInterceptor() {
               @Override public void afterExecution(Context.AfterExecution context,
                   ExecutionAttributes attributes) {
                 if (context.response() instanceof StartQueryExecutionResponse response) {
                   started.complete(response.queryExecutionId());
                 }
               }
             })) {
      AthenaSettings settings = settings(Duration.ofMinutes(1));
      DataSource athena = new AthenaDataSource(new SdkAthenaExecutor(client, settings,
          api.endpoint().getAuthority()), settings);
      // Minutes of work for Trino: 10^10 rows of a cross join.
      String slow = "SELECT count(*) FROM UNNEST(sequence(1, 10000)) AS a(x)"
          + " CROSS JOIN UNNEST(sequence(1, 10000)) AS b(y)"
          + " CROSS JOIN UNNEST(sequence(1, 100)) AS c(z) WHERE x * y * z % 7 = 3";
      try (Connection connection = athena.getConnection();
           Statement statement = connection.createStatement()) {
        CompletableFuture<ResultSet> query = CompletableFuture.supplyAsync(() -> {
          try {
            return statement.executeQuery(slow);
          } catch (SQLException e) {
            throw new CompletionException(e);
          }
        });
        String queryId = started.get(30, TimeUnit.SECONDS);
        while (client.getQueryExecution(r -> r.queryExecutionId(queryId)).queryExecution()
            .status().state() == QueryExecutionState.QUEUED) {
          Thread.sleep(50);
        }
        long start = System.nanoTime();
        statement.cancel();
        assertThatThrownBy(() -> query.get(30, TimeUnit.SECONDS))
            .hasRootCauseInstanceOf(AthenaQueryException.class)
            .rootCause()
            .hasMessageStartingWith("Athena query " + queryId + " CANCELLED")
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
        assertThat(Duration.ofNanos(System.nanoTime() - start))
            .isLessThan(Duration.ofSeconds(5));
        assertThat(client.getQueryExecution(r -> r.queryExecutionId(queryId))
            .queryExecution().status().state()).isEqualTo(QueryExecutionState.CANCELLED);
      }
    }
  }
}
