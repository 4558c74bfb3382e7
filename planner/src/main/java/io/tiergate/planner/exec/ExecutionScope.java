package io.tiergate.planner.exec;

import io.tiergate.planner.cost.CostEstimate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * One statement's execution, as the stores see it: the native requests it sent, per store.
 * Whoever runs a statement sets its scope on the thread doing the work ({@link #run}); a store
 * client counts each request it sends into the scope of the thread sending it
 * ({@link #request}); and work handed to other threads (the branches of a tiered union, the
 * segments of a parallel Scan) takes the scope with it ({@link #propagating}). So which tiers a
 * query read is what its stores were asked, not what its plan might have asked.
 *
 * <p>A statement's rows may be fetched over several requests on different server threads, and
 * a branch may read ahead between them; the counts are therefore thread-safe and the scope
 * lives as long as the statement, not as long as a thread.
 */
public final class ExecutionScope {
  private static final ThreadLocal<ExecutionScope> CURRENT = new ThreadLocal<>();

  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private volatile boolean planned;
  private volatile CostEstimate estimate;
  private final List<TierRead> reads = new CopyOnWriteArrayList<>();

  /** The scope of the statement this thread works for; empty outside one. */
  public static Optional<ExecutionScope> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /** Counts one native request to {@code store} for the statement this thread works for. */
  public static void request(String store) {
    ExecutionScope scope = CURRENT.get();
    if (scope != null) {
      scope.requests.computeIfAbsent(store, s -> new LongAdder()).increment();
    }
  }

  /** {@code work}, run later on another thread, in the scope current here and now. */
  public static Runnable propagating(Runnable work) {
    ExecutionScope scope = CURRENT.get();
    if (scope == null) {
      return work;
    }
    return () -> scope.run(() -> {
      work.run();
      return null;
    });
  }

  /** Runs {@code body} on this thread in this scope, then restores the thread's previous one. */
  public <T, E extends Exception> T run(Body<T, E> body) throws E {
    try (Entered entered = enter()) {
      return body.run();
    }
  }

  /** This scope, current on this thread until the result is closed, then the previous one. */
  public Entered enter() {
    ExecutionScope previous = CURRENT.get();
    CURRENT.set(this);
    return () -> {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    };
  }

  /** A scope entered on a thread; closing it leaves it. */
  @FunctionalInterface
  public interface Entered extends AutoCloseable {
    @Override void close();
  }

  /**
   * Marks the statement as planned: a failure before this is a refusal (it did not parse, did
   * not validate, or planning refused it); one after, an execution that failed.
   */
  public void planned() {
    planned = true;
  }

  /** Counts a tier's read for the statement this thread works for (see {@link TierRead}). */
  public static void read(TierRead read) {
    ExecutionScope scope = CURRENT.get();
    if (scope != null) {
      scope.reads.add(read);
    }
  }

  /** The tiers read so far, with the time ranges each read. */
  public List<TierRead> reads() {
    return List.copyOf(reads);
  }

  /** Records what the statement's plan is estimated to cost. */
  public void estimated(CostEstimate planEstimate) {
    this.estimate = planEstimate;
  }

  /** The plan's cost estimate; null when it has none (not planned, EXPLAIN, no prices). */
  public CostEstimate estimate() {
    return estimate;
  }

  public boolean isPlanned() {
    return planned;
  }

  /** The requests sent so far, by store name. */
  public Map<String, Long> requests() {
    Map<String, Long> counts = new TreeMap<>();
    requests.forEach((store, n) -> counts.put(store, n.sum()));
    return counts;
  }

  /** A statement's work, which may throw what the statement throws. */
  @FunctionalInterface
  public interface Body<T, E extends Exception> {
    T run() throws E;
  }
}
