package io.tiergate.planner.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.function.Function0;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * UNION ALL whose inputs all start at once, each read on its own thread into a bounded buffer,
 * and returned one input after another. Branches of a tiered table go to different stores, so a
 * query waits for the slowest store instead of the sum of all; the buffers keep it streaming (a
 * branch that is not being returned yet pauses when its buffer is full, never read whole).
 * Branches whose guards rule them out for this execution start no reader, and when one branch
 * is left it is read on the caller's thread: a point lookup that the time range sends to one
 * store pays for no thread or buffer.
 */
public final class ConcurrentBranches<T> extends AbstractEnumerable<T> {
  /** Rows each branch may read ahead of the consumer. */
  static final int BUFFER_ROWS = 4_096;
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final ExecutorService READERS = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "tiergate-branch-" + THREADS.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  });
  /** Stands for a null row (a one-column row holding NULL): queues take no nulls. */
  private static final Object NULL_ROW = new Object();

  private final List<Function0<Enumerable<T>>> inputs;

  private ConcurrentBranches(List<Function0<Enumerable<T>>> inputs) {
    this.inputs = inputs;
  }

  /**
   * Called by generated code (see EnumerableConcurrentUnion). Each input is made on its reader
   * thread: making one may already do the work (a global aggregate computes eagerly).
   */
  @SafeVarargs
  public static <T> Enumerable<T> of(Function0<Enumerable<T>>... inputs) {
    return new ConcurrentBranches<>(List.of(inputs));
  }

  /**
   * Marks an input whose making runs no query: a {@link GuardedBranch}, or projections and
   * filters over one. The union makes it and asks its guard on the caller's thread.
   */
  public static <T> Function0<Enumerable<T>> guarded(Function0<Enumerable<T>> input) {
    return new Guarded<>(input);
  }

  /** An input {@link #guarded} marked. */
  private record Guarded<T>(Function0<Enumerable<T>> input) implements Function0<Enumerable<T>> {
    @Override public Enumerable<T> apply() {
      return input.apply();
    }
  }

  /**
   * Inputs read one after another, as one input of {@link #of}: the branches of one tier
   * over several slices (a cold tier cut at its archived runs) go to the same store, which
   * gets one query at a time from a scan, as it would from a single branch. Each input is
   * made only when its turn comes, on the reader's thread.
   */
  @SafeVarargs
  public static <T> Function0<Enumerable<T>> inSequence(Function0<Enumerable<T>>... inputs) {
    List<Enumerable<T>> lazy = new ArrayList<>();
    for (Function0<Enumerable<T>> input : inputs) {
      lazy.add(new AbstractEnumerable<T>() {
        @Override public Enumerator<T> enumerator() {
          return input.apply().enumerator();
        }
      });
    }
    return () -> Linq4j.concat(lazy);
  }

  @SuppressWarnings("unchecked")
  @Override public Enumerator<T> enumerator() {
    List<Function0<Enumerable<T>>> live = new ArrayList<>();
    for (Function0<Enumerable<T>> input : inputs) {
      if (input instanceof Guarded<T> guarded) {
        Object[] branch = new Object[1];
        List<GuardedBranch<?>> made = GuardedBranch.collect(guarded, branch);
        // Projections and filters over a branch that reads nothing return nothing.
        if (made.size() == 1 && made.get(0).prunedToNothing()) {
          continue;
        }
        live.add(() -> (Enumerable<T>) branch[0]);
      } else {
        live.add(input);
      }
    }
    if (live.isEmpty()) {
      return Linq4j.emptyEnumerator();
    }
    if (live.size() == 1) {
      return live.get(0).apply().enumerator();
    }
    return new BranchesEnumerator<>(live);
  }

  /** What a reader thread hands over when its branch ends. */
  private record End(@Nullable Throwable failure) {
  }

  private static final class BranchesEnumerator<T> implements Enumerator<T> {
    private final List<BlockingQueue<Object>> buffers = new ArrayList<>();
    private final List<Future<?>> readers = new ArrayList<>();
    private volatile boolean closed;
    private int branch;
    private @Nullable T current;

    BranchesEnumerator(List<Function0<Enumerable<T>>> inputs) {
      for (Function0<Enumerable<T>> input : inputs) {
        BlockingQueue<Object> buffer = new ArrayBlockingQueue<>(BUFFER_ROWS);
        buffers.add(buffer);
        // The reader counts its store requests into the statement that started it.
        readers.add(READERS.submit(ExecutionScope.propagating(() -> read(input, buffer))));
      }
    }

    private void read(Function0<Enumerable<T>> input, BlockingQueue<Object> buffer) {
      Throwable failure = null;
      try (Enumerator<T> rows = input.apply().enumerator()) {
        while (!closed && rows.moveNext()) {
          T row = rows.current();
          buffer.put(row == null ? NULL_ROW : row);
        }
      } catch (InterruptedException e) {
        return; // closed: nobody reads this buffer any more
      } catch (Throwable e) {
        failure = e;
      }
      try {
        buffer.put(new End(failure));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @SuppressWarnings("unchecked")
    @Override public boolean moveNext() {
      while (branch < buffers.size()) {
        Object next;
        try {
          next = buffers.get(branch).take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while reading tier branches", e);
        }
        if (next instanceof End end) {
          Throwable failure = end.failure();
          if (failure != null) {
            close();
            if (failure instanceof RuntimeException r) {
              throw r;
            }
            if (failure instanceof Error err) {
              throw err;
            }
            throw new IllegalStateException(failure.getMessage(), failure);
          }
          branch++;
          continue;
        }
        current = next == NULL_ROW ? null : (T) next;
        return true;
      }
      return false;
    }

    @Override public T current() {
      if (branch >= buffers.size()) {
        throw new NoSuchElementException();
      }
      return current;
    }

    @Override public void reset() {
      throw new UnsupportedOperationException("branches are read once");
    }

    /** Stops every reader (a LIMIT met, an error, the statement closed) and frees its store. */
    @Override public void close() {
      if (closed) {
        return;
      }
      closed = true;
      for (Future<?> reader : readers) {
        reader.cancel(true);
      }
      buffers.forEach(BlockingQueue::clear);
    }
  }
}
