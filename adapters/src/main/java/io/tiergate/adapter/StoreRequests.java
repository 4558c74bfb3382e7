package io.tiergate.adapter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts native requests per store ({@code tiergate_store_requests_total{store=...}}), so an
 * operator can see which engine answered a query and a test can prove a pruned tier got none.
 */
public final class StoreRequests {
  public static final String METER = "tiergate.store.requests";

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public StoreRequests(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Where these counters live, for meters of components beside them (cache lookups). */
  public MeterRegistry registry() {
    return registry;
  }

  public void increment(String store) {
    counter(store).increment();
  }

  public double count(String store) {
    return counter(store).count();
  }

  private Counter counter(String store) {
    return counters.computeIfAbsent(store, s -> Counter.builder(METER)
        .description("Native requests sent to each store")
        .tag("store", s)
        .register(registry));
  }
}
