package io.tiergate.lifecycle.migrate;

import java.util.List;

/** A kind of move, and the order its steps run in. */
public enum Transition {
  /** DynamoDB rows older than the hot age to Parquet on S3 Standard, loaded into Redshift. */
  HOT_TO_WARM(List.of(Step.COPY, Step.VERIFY, Step.FLIP, Step.DRAIN, Step.DELETE)),
  /** Redshift rows older than the warm age to day partitions on the cold prefix (Glacier IR). */
  WARM_TO_COLD(List.of(Step.COPY, Step.VERIFY, Step.FLIP, Step.DRAIN, Step.DELETE)),
  /**
   * Cold partitions into a colder S3 class. The manifest flips first: a query must ask for a
   * restore before an object becomes unreadable, never read a class Athena silently skips.
   * COPY is the class change (S3's lifecycle rule in production; locally a rewrite), VERIFY
   * checks every object reports the new class.
   */
  COLD_CLASS(List.of(Step.FLIP, Step.DRAIN, Step.COPY, Step.VERIFY)),
  /** Cold partitions past retention: the floor moves first, then the objects go. */
  EXPIRE(List.of(Step.FLIP, Step.DRAIN, Step.DELETE));

  private final List<Step> steps;

  Transition(List<Step> steps) {
    this.steps = steps;
  }

  public List<Step> steps() {
    return steps;
  }

  /** The step after {@code done}, or null when it was the last; null {@code done} means none. */
  public Step after(Step done) {
    if (done == null) {
      return steps.get(0);
    }
    int i = steps.indexOf(done);
    return i + 1 < steps.size() ? steps.get(i + 1) : null;
  }
}
