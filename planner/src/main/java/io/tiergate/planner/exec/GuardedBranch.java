package io.tiergate.planner.exec;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.function.Function0;

/**
 * A tier's branch whose guard decides, once per execution, whether it is read; the branch's own
 * code runs only in {@link #enumerator()} after a yes (an aggregate computes eagerly). Made
 * cheaply, so {@link ConcurrentBranches} makes it on the caller's thread, asks the guard there,
 * and starts no reader for a branch the statement's time range rules out.
 */
public final class GuardedBranch<T> extends AbstractEnumerable<T> {
  /** What decides: the time range of this execution against the branch's slice. */
  public interface Guard {
    boolean allows(DataContext root);

    /** The rows of a pruned branch: none, or the one row an aggregate of nothing returns. */
    Enumerable<Object> pruned();

    /** Whether a pruned branch returns no row at all. */
    boolean prunesToNothing();
  }

  /** The branches made on this thread while {@link #collect} runs. */
  private static final ThreadLocal<List<GuardedBranch<?>>> MADE = new ThreadLocal<>();

  private final Guard guard;
  private final DataContext root;
  private final Function0<Enumerable<T>> input;
  private Boolean allowed;

  private GuardedBranch(Guard guard, DataContext root, Function0<Enumerable<T>> input) {
    this.guard = guard;
    this.root = root;
    this.input = input;
  }

  /** Called by generated code (see EnumerableTierGuard). */
  public static <T> GuardedBranch<T> of(Guard guard, DataContext root,
      Function0<Enumerable<T>> input) {
    GuardedBranch<T> branch = new GuardedBranch<>(guard, root, input);
    List<GuardedBranch<?>> made = MADE.get();
    if (made != null) {
      made.add(branch);
    }
    return branch;
  }

  /**
   * Runs {@code make} (code that makes branches, e.g. a projection over one) and returns the
   * guarded branches it made, with what it returned in {@code result}.
   */
  static <R> List<GuardedBranch<?>> collect(Function0<R> make, Object[] result) {
    List<GuardedBranch<?>> made = new ArrayList<>();
    List<GuardedBranch<?>> outer = MADE.get();
    MADE.set(made);
    try {
      result[0] = make.apply();
    } finally {
      if (outer == null) {
        MADE.remove();
      } else {
        MADE.set(outer);
      }
    }
    return made;
  }

  /** The guard's answer, asked once: it may record what it skipped for the statement. */
  public synchronized boolean allowed() {
    if (allowed == null) {
      allowed = guard.allows(root);
    }
    return allowed;
  }

  /** Whether this execution reads nothing here and returns no row. */
  boolean prunedToNothing() {
    return !allowed() && guard.prunesToNothing();
  }

  @SuppressWarnings("unchecked")
  @Override public Enumerator<T> enumerator() {
    return allowed() ? input.apply().enumerator()
        : (Enumerator<T>) guard.pruned().enumerator();
  }
}
