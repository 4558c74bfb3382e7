package io.tiergate.lifecycle.migrate;

/**
 * Called around every step of every job: at each boundary a job can die (a crash, a deploy),
 * which is where the fault-injection tests kill it. Production uses {@link #NONE}.
 */
public interface StepHook {
  StepHook NONE = new StepHook() { };

  /** Before {@code step} runs; the job as persisted so far. */
  default void before(MigrationJob job, Step step) {
  }

  /** After {@code step} ran and the job was persisted with it done. */
  default void after(MigrationJob job, Step step) {
  }
}
