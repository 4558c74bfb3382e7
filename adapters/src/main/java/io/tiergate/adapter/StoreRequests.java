package io.tiergate.adapter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tiergate.planner.exec.ExecutionScope;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Native requests per store: counted ({@code tiergate_store_requests_total{store=...}}), so an
 * operator can see which engine answered a query and a test can prove a pruned tier got none;
 * timed by store and operation ({@code tiergate_store_request_seconds}, a histogram, so p99 per
 * store is one PromQL expression); and failures by kind ({@code tiergate_store_errors_total}:
 * {@code unavailable} when the store could not be reached or stopped answering, {@code refused}
 * when it answered with an error).
 */
public final class StoreRequests {
  public static final String METER = "tiergate.store.requests";
  public static final String LATENCY = "tiergate.store.request";
  public static final String ERRORS = "tiergate.store.errors";

  /** How a request ended, the {@code outcome} tag. */
  public enum Outcome {
    OK, REFUSED, UNAVAILABLE;

    String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public StoreRequests(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Where these counters live, for meters of components beside them (cache lookups). */
  public MeterRegistry registry() {
    return registry;
  }

  /** Counts one request, also into the scope of the statement sending it, if any. */
  public void increment(String store) {
    counter(store).increment();
    ExecutionScope.request(store);
  }

  public double count(String store) {
    return counter(store).count();
  }

  /**
   * One request's time. {@code operation} must come from a small fixed set per store (an API
   * operation, a command, a statement's first keyword), never from values: it is a label.
   */
  public void record(String store, String operation, long nanos, Outcome outcome) {
    Timer.builder(LATENCY)
        .description("Time of each native request, by store and operation")
        .tags("store", store, "operation", operation, "outcome", outcome.tag())
        .publishPercentileHistogram()
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
    if (outcome != Outcome.OK) {
      Counter.builder(ERRORS)
          .description("Native requests that failed, by store and kind")
          .tags("store", store, "kind", outcome.tag())
          .register(registry)
          .increment();
    }
  }

  private Counter counter(String store) {
    return counters.computeIfAbsent(store, s -> Counter.builder(METER)
        .description("Native requests sent to each store")
        .tag("store", s)
        .register(registry));
  }
}
