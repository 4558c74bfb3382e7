package io.tiergate.lifecycle.migrate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The running queries of one gateway and the manifest version of each table each was planned
 * on. A query registers before it reads a manifest (so the version it records is never newer
 * than the one it plans with) and closes its pin when its last row is read or it is closed.
 */
public final class PinnedQueries implements ActiveQueries {
  private final Map<Long, Map<String, Long>> running = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  /** Pins a query to the versions it will read; close the pin when the query ends. */
  public Pin pin(Map<String, Long> versions) {
    long id = ids.incrementAndGet();
    running.put(id, Map.copyOf(versions));
    return () -> running.remove(id);
  }

  @Override public int pinnedBefore(String table, long version) {
    int count = 0;
    for (Map<String, Long> versions : running.values()) {
      Long pinned = versions.get(table);
      if (pinned != null && pinned < version) {
        count++;
      }
    }
    return count;
  }

  /** One query's pin. */
  public interface Pin extends AutoCloseable {
    @Override void close();
  }
}
