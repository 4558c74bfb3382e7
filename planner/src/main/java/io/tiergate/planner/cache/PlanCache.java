package io.tiergate.planner.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;

/**
 * Prepared plans by SQL text, default schema and catalog version, shared by every connection
 * of a gateway (Calcite keeps none of its own: each statement is parsed, validated and
 * optimized again).
 *
 * <p>The catalog version names the manifest version of every tiered table, because a tiered
 * plan bakes its tier slices in as literals. A plan is only stored when the version did not
 * move while it was being planned, so an entry never holds slices of a version other than its
 * key's; when the version moves, every entry is dropped at once.
 */
public final class PlanCache {
  private final Cache<Key, CalciteSignature<?>> plans;
  private final Supplier<Object> catalogVersion;
  private volatile Object lastVersion;

  /**
   * @param maxPlans how many plans to keep
   * @param catalogVersion what makes a plan stale when it changes (equal objects: same plans);
   *     null when it cannot be told, and then no plan is reused or kept
   */
  public PlanCache(long maxPlans, Supplier<Object> catalogVersion) {
    this.plans = Caffeine.newBuilder().maximumSize(maxPlans).recordStats().build();
    this.catalogVersion = catalogVersion;
  }

  /** The underlying cache, for metrics (hit rate, size). */
  public Cache<Key, CalciteSignature<?>> cache() {
    return plans;
  }

  /** The key for a statement at the current catalog version. */
  Key keyFor(String sql, List<String> schemaPath, long maxRowCount) {
    return keyFor(sql, schemaPath, maxRowCount, null);
  }

  /** The key for a statement planned under a connection option ({@code session}). */
  Key keyFor(String sql, List<String> schemaPath, long maxRowCount, Object session) {
    Object version = catalogVersion.get();
    if (version != null && !Objects.equals(version, lastVersion)) {
      lastVersion = version;
      plans.invalidateAll(); // a flip: no plan of an older version may be handed out again
    }
    return new Key(sql, List.copyOf(schemaPath), maxRowCount, version, session);
  }

  CalciteSignature<?> get(Key key) {
    return key.catalogVersion() == null ? null : plans.getIfPresent(key);
  }

  /** Stores {@code plan} unless the catalog moved on while it was planned. */
  void put(Key key, CalciteSignature<?> plan) {
    if (key.catalogVersion() != null
        && Objects.equals(catalogVersion.get(), key.catalogVersion())) {
      plans.put(key, plan);
    }
  }

  public long size() {
    return plans.estimatedSize();
  }

  /**
   * What identifies a plan: the text as sent, where names resolve, the row cap, the catalog,
   * and the connection options planning depends on ({@code session}; null for none).
   */
  public record Key(String sql, List<String> schemaPath, long maxRowCount,
      Object catalogVersion, Object session) {
  }
}
