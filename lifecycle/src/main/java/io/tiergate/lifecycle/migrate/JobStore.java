package io.tiergate.lifecycle.migrate;

import java.util.List;
import java.util.Optional;

/**
 * Where migration jobs and the per-table runner lease live (the control table). Jobs are
 * written only by the lease holder, so a plain write is enough; the lease itself is conditional.
 */
public interface JobStore {
  /** The next job number of a table (atomic across gateways). */
  long nextSequence(String table);

  void save(MigrationJob job);

  /** The table's job that is neither done nor failed, if any (at most one: the lease). */
  Optional<MigrationJob> unfinished(String table);

  /** Every job, newest first. */
  List<MigrationJob> all();

  /**
   * Takes or renews the lease of a table's runner until {@code untilMillis}; fails when another
   * owner holds an unexpired lease.
   *
   * @return the current holder when someone else holds it, empty when {@code owner} now holds it
   */
  Optional<Lease> acquire(String table, String owner, long nowMillis, long untilMillis);

  /** Gives the lease up, if {@code owner} still holds it. */
  void release(String table, String owner);

  /** Who holds a table's runner lease, and until when. */
  record Lease(String table, String owner, long untilMillis) {
  }
}
