package io.tiergate.lifecycle.migrate;

import io.tiergate.planner.manifest.ManifestStore;
import io.tiergate.planner.manifest.TierManifest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where migration jobs and the per-table runner lease live (the control table).
 *
 * <p>The lease carries a fencing token that only grows: each take of the lease adds one. A lease
 * alone cannot stop a runner that paused (a long GC, a frozen VM) past its expiry and then goes
 * on as if it still held it; so every write with an effect outside the runner is conditional on
 * the lease still carrying the token it took: renewals, job saves (a job records the token it ran
 * under), the FLIP of the manifest, and the DELETE batches (each renews first). A runner whose
 * token moved on gets {@link LeaseLostException} and stops.
 */
public interface JobStore {
  /** The next job number of a table (atomic across gateways). */
  long nextSequence(String table);

  /**
   * Saves {@code job} if the table's lease still carries the job's fencing token.
   *
   * @throws LeaseLostException when the token moved on (another runner took the lease)
   */
  void save(MigrationJob job);

  /** The table's job that is neither done nor failed, if any (at most one: the lease). */
  Optional<MigrationJob> unfinished(String table);

  /** Every job, newest first. */
  List<MigrationJob> all();

  /**
   * Takes a table's lease until {@code untilMillis} if nobody holds it or its holder's lease
   * expired before {@code nowMillis}, with a fencing token one above the last one.
   *
   * @throws LeaseHeldException when another take of the lease has not expired (the same owner's
   *     included: two runs of one gateway are two runners)
   */
  Lease acquire(String table, String owner, long nowMillis, long untilMillis);

  /**
   * Extends {@code held} until {@code untilMillis} if the lease still carries its token (also
   * after it expired, as long as nobody took it since).
   *
   * @throws LeaseLostException when the token moved on
   */
  Lease renew(Lease held, long untilMillis);

  /**
   * Writes the manifest {@code next} only if the lease still carries {@code held}'s token, in
   * one conditional write with the manifest's version condition.
   *
   * @throws LeaseLostException when the token moved on (the manifest is unchanged)
   * @throws ManifestStore.ManifestConflictException when another writer changed the manifest
   */
  void flip(TierManifest next, Lease held);

  /** Gives the lease up, if it still carries {@code held}'s token; the token stays. */
  void release(Lease held);

  /**
   * A take of a table's runner lease: who, until when, and its fencing token.
   *
   * @param token one above the token of the take before; 0 when never taken
   */
  record Lease(String table, String owner, long untilMillis, long token) {
  }

  /** Another runner holds the lease a runner wanted to take. */
  final class LeaseHeldException extends RuntimeException {
    private final Lease holder;

    public LeaseHeldException(Lease holder) {
      super("The lease of table '" + holder.table() + "' is held by " + holder.owner()
          + " until " + Instant.ofEpochMilli(holder.untilMillis()) + " (fencing token "
          + holder.token() + ")");
      this.holder = holder;
    }

    public Lease holder() {
      return holder;
    }
  }

  /** A runner's lease was taken over (its token moved on): it must write nothing more. */
  final class LeaseLostException extends RuntimeException {
    private final long heldToken;
    private final Lease current;

    /** @param current the lease as stored now (its owner may have released it since) */
    public LeaseLostException(long heldToken, Lease current) {
      super("the lease of table '" + current.table() + "' was taken over by runner "
          + current.owner() + " with fencing token " + current.token()
          + " while this runner held token " + heldToken);
      this.heldToken = heldToken;
      this.current = current;
    }

    public long heldToken() {
      return heldToken;
    }

    public Lease current() {
      return current;
    }
  }
}
