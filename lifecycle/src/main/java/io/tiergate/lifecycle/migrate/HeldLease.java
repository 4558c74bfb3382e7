package io.tiergate.lifecycle.migrate;

import io.tiergate.planner.manifest.TierManifest;
import java.time.Clock;
import java.time.Duration;

/**
 * One run's hold on a table: the lease it took and the fencing token that came with it. The run
 * renews it before each step, on progress and before each DELETE batch; each renewal, like the
 * FLIP, is conditional on the token, so a run that paused past its lease and was taken over
 * learns it ({@link JobStore.LeaseLostException}) at its next write, before making it.
 */
final class HeldLease {
  private final JobStore jobs;
  private final Clock clock;
  private final Duration length;
  /** Renewed from the DELETE threads too; every renewal carries the same token. */
  private volatile JobStore.Lease lease;

  private HeldLease(JobStore jobs, Clock clock, Duration length, JobStore.Lease lease) {
    this.jobs = jobs;
    this.clock = clock;
    this.length = length;
    this.lease = lease;
  }

  /** @throws JobStore.LeaseHeldException when another runner holds an unexpired lease */
  static HeldLease take(JobStore jobs, String table, String owner, Clock clock,
      Duration length) {
    long now = clock.millis();
    return new HeldLease(jobs, clock, length,
        jobs.acquire(table, owner, now, now + length.toMillis()));
  }

  long token() {
    return lease.token();
  }

  /** @throws JobStore.LeaseLostException when another runner took the lease since */
  void renew() {
    lease = jobs.renew(lease, clock.millis() + length.toMillis());
  }

  /** Writes the manifest {@code next} if this run still holds the lease. */
  void flip(TierManifest next) {
    jobs.flip(next, lease);
  }

  void release() {
    jobs.release(lease);
  }
}
