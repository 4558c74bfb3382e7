package io.tiergate.planner.manifest;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;

/**
 * Keeps manifests for a short while so that planning does not read the control table on
 * every statement. A write through this store refreshes its entry at once; writes by other
 * gateways are seen within {@code ttl}, which the lifecycle's DRAIN step waits out.
 */
public final class CachingManifestStore implements ManifestStore {
  private final ManifestStore delegate;
  private final LoadingCache<String, TierManifest> cache;

  public CachingManifestStore(ManifestStore delegate, Duration ttl) {
    this.delegate = delegate;
    this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).build(delegate::current);
  }

  @Override public TierManifest current(String table) {
    return cache.get(table);
  }

  @Override public void write(TierManifest next) {
    try {
      delegate.write(next);
    } finally {
      cache.invalidate(next.table());
    }
  }
}
