package io.tiergate.lifecycle.migrate;

/**
 * The persisted steps of a migration job (ARCHITECTURE §4). Each is idempotent, so a job that
 * died resumes by running again the first step not recorded as done.
 */
public enum Step {
  /** Write the slice to the target (Parquet under a job-specific name, then load). */
  COPY,
  /** Row count and checksum of key and time, source vs target; a mismatch fails the job. */
  VERIFY,
  /** Conditional write of the next manifest version: the boundary moves for new queries. */
  FLIP,
  /** Wait until no query pinned to an older manifest version still runs (bounded). */
  DRAIN,
  /** Remove the slice from the source, which no query reads any more. */
  DELETE
}
