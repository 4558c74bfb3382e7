package io.tiergate.lifecycle.migrate;

import io.tiergate.planner.manifest.TimeSlice;

/**
 * One move of one slice of a table, as persisted in the control table after every step.
 *
 * @param sequence the table's job number; also the part number of the Parquet files the job
 *     writes, so a repeated COPY overwrites its own files instead of adding copies
 * @param slice the event time the job moves (half-open)
 * @param storageClass the S3 class the moved data ends in (cold transitions), else null
 * @param lastDone the last step recorded as done, null before the first
 * @param source what COPY read from the source, which VERIFY compares the target against
 * @param flippedVersion the manifest version FLIP wrote (0 before FLIP)
 * @param fencingToken the token of the lease the job last ran under: a save under a smaller
 *     one (a runner whose lease was taken over) is refused
 */
public record MigrationJob(String table, long sequence, Transition transition, TimeSlice slice,
    String storageClass, State state, Step lastDone, RowChecksum source, long rowsDone,
    long rowsTotal, long flippedVersion, String error, long createdMillis, long updatedMillis,
    long fencingToken) {

  /** Where a job stands. */
  public enum State { PLANNED, RUNNING, DONE, FAILED }

  /** @param fencingToken the token of the lease the job starts under */
  public static MigrationJob start(String table, long sequence, Transition transition,
      TimeSlice slice, String storageClass, long nowMillis, long fencingToken) {
    return new MigrationJob(table, sequence, transition, slice, storageClass, State.RUNNING,
        null, RowChecksum.EMPTY, 0, 0, 0, null, nowMillis, nowMillis, fencingToken);
  }

  /** What a dry run shows: the move, not started. */
  public static MigrationJob planned(String table, PlannedMove move, long nowMillis) {
    return new MigrationJob(table, 0, move.transition(), move.slice(), move.storageClass(),
        State.PLANNED, null, RowChecksum.EMPTY, 0, 0, 0, null, nowMillis, nowMillis, 0);
  }

  public PlannedMove move() {
    return new PlannedMove(transition, slice, storageClass);
  }

  public String id() {
    return table + "-" + sequence;
  }

  /** The step to run next, or null when every step is done. */
  public Step nextStep() {
    return transition.after(lastDone);
  }

  public MigrationJob done(Step step, long nowMillis) {
    Step next = transition.after(step);
    return new MigrationJob(table, sequence, transition, slice, storageClass,
        next == null ? State.DONE : State.RUNNING, step, source, rowsDone, rowsTotal,
        flippedVersion, error, createdMillis, nowMillis, fencingToken);
  }

  public MigrationJob copied(RowChecksum copied, long nowMillis) {
    return new MigrationJob(table, sequence, transition, slice, storageClass, state, lastDone,
        copied, copied.rows(), copied.rows(), flippedVersion, error, createdMillis, nowMillis,
        fencingToken);
  }

  public MigrationJob progress(long done, long total, long nowMillis) {
    return new MigrationJob(table, sequence, transition, slice, storageClass, state, lastDone,
        source, done, total, flippedVersion, error, createdMillis, nowMillis, fencingToken);
  }

  public MigrationJob flipped(long version, long nowMillis) {
    return new MigrationJob(table, sequence, transition, slice, storageClass, state, lastDone,
        source, rowsDone, rowsTotal, version, error, createdMillis, nowMillis, fencingToken);
  }

  public MigrationJob failed(String reason, long nowMillis) {
    return new MigrationJob(table, sequence, transition, slice, storageClass, State.FAILED,
        lastDone, source, rowsDone, rowsTotal, flippedVersion, reason, createdMillis, nowMillis,
        fencingToken);
  }

  /** A failure that left the job resumable (the next run retries from the same step). */
  public MigrationJob interrupted(String reason, long nowMillis) {
    return new MigrationJob(table, sequence, transition, slice, storageClass, State.RUNNING,
        lastDone, source, rowsDone, rowsTotal, flippedVersion, reason, createdMillis, nowMillis,
        fencingToken);
  }

  /** The job taken on by a runner holding the lease with {@code token} (a resume). */
  public MigrationJob runUnder(long token) {
    return new MigrationJob(table, sequence, transition, slice, storageClass, state, lastDone,
        source, rowsDone, rowsTotal, flippedVersion, error, createdMillis, updatedMillis, token);
  }
}
