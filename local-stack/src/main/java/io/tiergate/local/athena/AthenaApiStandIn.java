package io.tiergate.local.athena;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Athena API over the Trino stand-in: an HTTP endpoint speaking AWS JSON 1.1 for
 * StartQueryExecution, GetQueryExecution, GetQueryResults and StopQueryExecution, so the
 * gateway's SDK path runs unchanged against a real engine. Queries run on Trino asynchronously
 * ({@link StandInQuery}). Results are held in memory and paged as Athena pages them (the header
 * row first on a SELECT's first page, NextToken, MaxResults up to 1000). Not covered: S3 result
 * files (the OutputLocation is reported, nothing is written there), result reuse (accepted and
 * reported back, never reused), workgroups (any name is accepted), named queries, prepared
 * statements, statistics beyond times, request signatures (not checked).
 */
public final class AthenaApiStandIn implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AthenaApiStandIn.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_RESULTS = 1000;

  private final HttpServer server;
  private final ExecutorService queries = Executors.newCachedThreadPool(daemon("athena-query"));
  private final Map<String, StandInQuery> byId = new ConcurrentHashMap<>();
  private final String trinoJdbcUrl;
  private final String user;

  private AthenaApiStandIn(HttpServer server, String trinoJdbcUrl, String user) {
    this.server = server;
    this.trinoJdbcUrl = trinoJdbcUrl;
    this.user = user;
  }

  /** Listens on a free port of 127.0.0.1; queries go to Trino at {@code trinoJdbcUrl}. */
  public static AthenaApiStandIn start(String trinoJdbcUrl, String user) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AthenaApiStandIn standIn = new AthenaApiStandIn(server, trinoJdbcUrl, user);
    server.createContext("/", standIn::handle);
    server.setExecutor(Executors.newFixedThreadPool(4, daemon("athena-api")));
    server.start();
    LOG.info("Athena API stand-in at {} over {}", standIn.endpoint(), trinoJdbcUrl);
    return standIn;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      Map<String, Object> request;
      try (InputStream body = exchange.getRequestBody()) {
        byte[] bytes = body.readAllBytes();
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = bytes.length == 0 ? Map.of() : JSON.readValue(bytes, Map.class);
        request = parsed;
      }
      Object response;
      try {
        response = switch (target == null ? "" : target) {
          case "AmazonAthena.StartQueryExecution" -> start(request);
          case "AmazonAthena.GetQueryExecution" -> Map.of("QueryExecution",
              execution(query(request)));
          case "AmazonAthena.GetQueryResults" -> results(query(request), request);
          case "AmazonAthena.StopQueryExecution" -> {
            query(request).stop();
            yield Map.of();
          }
          default -> throw new ApiError("UnknownOperationException",
              "the Athena stand-in does not serve " + target);
        };
      } catch (ApiError e) {
        send(exchange, 400, Map.of("__type", e.type, "Message", e.getMessage()));
        return;
      }
      send(exchange, 200, response);
    } catch (RuntimeException e) {
      LOG.warn("Athena stand-in request failed", e);
      throw e;
    }
  }

  private Map<String, Object> start(Map<String, Object> request) {
    if (!(request.get("QueryString") instanceof String sql) || sql.isBlank()) {
      throw new ApiError("InvalidRequestException", "QueryString is required");
    }
    StandInQuery query = new StandInQuery(UUID.randomUUID().toString(), request, trinoJdbcUrl,
        user);
    byId.put(query.id, query);
    queries.execute(query);
    return Map.of("QueryExecutionId", query.id);
  }

  private StandInQuery query(Map<String, Object> request) {
    Object id = request.get("QueryExecutionId");
    StandInQuery query = id == null ? null : byId.get(id.toString());
    if (query == null) {
      throw new ApiError("InvalidRequestException", "QueryExecution " + id + " was not found");
    }
    return query;
  }

  private static Map<String, Object> execution(StandInQuery query) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("State", query.state());
    if (query.reason() != null) {
      status.put("StateChangeReason", query.reason());
    }
    status.put("SubmissionDateTime", query.submitted.toEpochMilli() / 1000.0);
    if (query.completed() != null) {
      status.put("CompletionDateTime", query.completed().toEpochMilli() / 1000.0);
    }
    Map<String, Object> execution = new LinkedHashMap<>();
    execution.put("QueryExecutionId", query.id);
    execution.put("Query", query.sql());
    execution.put("StatementType", query.statementType());
    execution.put("WorkGroup", query.request.getOrDefault("WorkGroup", "primary"));
    Map<String, Object> result = new LinkedHashMap<>();
    if (query.request.get("ResultConfiguration") instanceof Map<?, ?> configured
        && configured.get("OutputLocation") instanceof String location) {
      result.put("OutputLocation", location + (location.endsWith("/") ? "" : "/") + query.id
          + ".csv");
    }
    execution.put("ResultConfiguration", result);
    for (String echoed : List.of("ResultReuseConfiguration", "QueryExecutionContext",
        "ExecutionParameters")) {
      if (query.request.containsKey(echoed)) {
        execution.put(echoed, query.request.get(echoed));
      }
    }
    execution.put("Status", status);
    long millis = (query.completed() == null ? System.currentTimeMillis()
        : query.completed().toEpochMilli()) - query.submitted.toEpochMilli();
    execution.put("Statistics", Map.of("EngineExecutionTimeInMillis", millis,
        "TotalExecutionTimeInMillis", millis,
        "ResultReuseInformation", Map.of("ReusedPreviousResult", false)));
    return execution;
  }

  private static Map<String, Object> results(StandInQuery query, Map<String, Object> request) {
    switch (query.state()) {
      case "SUCCEEDED" -> { }
      case "FAILED", "CANCELLED" -> throw new ApiError("InvalidRequestException",
          "Query " + query.id + " " + query.state() + ": " + query.reason());
      default -> throw new ApiError("InvalidRequestException",
          "Query has not yet finished. Current state: " + query.state());
    }
    int max = request.get("MaxResults") instanceof Number n ? n.intValue() : MAX_RESULTS;
    if (max < 1 || max > MAX_RESULTS) {
      throw new ApiError("InvalidRequestException", "MaxResults must be 1 to " + MAX_RESULTS
          + ", not " + max);
    }
    int from = 0;
    if (request.get("NextToken") instanceof String token) {
      try {
        from = Integer.parseInt(token);
      } catch (NumberFormatException e) {
        throw new ApiError("InvalidRequestException", "NextToken '" + token + "' is not valid");
      }
    }
    int size = query.pageableSize();
    int to = Math.min(size, from + max);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (List<String> values : query.page(from, to)) {
      List<Map<String, String>> data = new ArrayList<>(values.size());
      for (String value : values) {
        data.add(value == null ? Map.of() : Map.of("VarCharValue", value));
      }
      rows.add(Map.of("Data", data));
    }
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("UpdateCount", 0);
    response.put("ResultSet", Map.of("Rows", rows,
        "ResultSetMetadata", Map.of("ColumnInfo", query.columns())));
    if (to < size) {
      response.put("NextToken", Integer.toString(to));
    }
    return response;
  }

  private static void send(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Stops listening and cancels queries still running. */
  @Override public void close() {
    server.stop(0);
    byId.values().forEach(StandInQuery::stop);
    queries.shutdownNow();
    ((ExecutorService) server.getExecutor()).shutdownNow();
  }

  /** An error the API answers with: {@code __type} and message, HTTP 400. */
  private static final class ApiError extends RuntimeException {
    private final String type;

    ApiError(String type, String message) {
      super(message);
      this.type = type;
    }
  }
}
