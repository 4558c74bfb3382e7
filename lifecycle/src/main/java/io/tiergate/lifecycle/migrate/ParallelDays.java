package io.tiergate.lifecycle.migrate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Works on a job's days a few at a time: one day's Parquet encoding or checksum overlaps
 * another day's load or query in the store, which one at a time left the gateway and the store
 * taking turns. Results come back in day order on the calling thread, so the job record is
 * saved by one thread.
 */
final class ParallelDays {
  static final int THREADS = 2;

  private ParallelDays() {
  }

  /**
   * Runs {@code write} for every day; {@code done} gets the rows finished so far after each day.
   */
  static void write(Map<LocalDate, List<Object[]>> days,
      BiConsumer<LocalDate, List<Object[]>> write, LongConsumer done) {
    long[] rows = {0};
    run(new ArrayList<>(days.entrySet()), day -> {
      write.accept(day.getKey(), day.getValue());
      return day.getValue().size();
    }, written -> {
      rows[0] += written;
      done.accept(rows[0]);
    });
  }

  /** {@code work} of every day, in the order of {@code days}. */
  static <R> List<R> map(List<LocalDate> days, Function<LocalDate, R> work) {
    List<R> results = new ArrayList<>();
    run(days, work, results::add);
    return results;
  }

  /**
   * When one day fails, the days already started finish first (so a job's cleanup never races
   * a load still in flight), the rest never start, and the first failure is thrown.
   */
  private static <T, R> void run(List<T> days, Function<T, R> work, Consumer<R> each) {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
      Thread thread = new Thread(r, "migration-day");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<R>> results = new ArrayList<>();
      for (T day : days) {
        results.add(pool.submit(() -> work.apply(day)));
      }
      RuntimeException failure = null;
      for (Future<R> result : results) {
        try {
          R value = result.get();
          if (failure == null) {
            // A refused progress save (the lease taken over) stops the days not begun too.
            each.accept(value);
          }
        } catch (CancellationException e) {
          // a day the failure stopped before it began
        } catch (ExecutionException | RuntimeException e) {
          if (failure == null) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            failure = cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
            results.forEach(f -> f.cancel(false));
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MigrationException("Interrupted while working on the days of a migration", e);
    } finally {
      pool.shutdown();
    }
  }
}
