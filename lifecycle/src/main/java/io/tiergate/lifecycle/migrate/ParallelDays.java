package io.tiergate.lifecycle.migrate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;

/**
 * Writes a job's days a few at a time: one day's Parquet encoding overlaps another day's load
 * into the target, which one at a time left the gateway and the store taking turns. Progress
 * is reported in day order from the calling thread, so the job record is saved by one thread.
 */
final class ParallelDays {
  static final int THREADS = 2;

  private ParallelDays() {
  }

  /**
   * Runs {@code write} for every day; {@code done} gets the rows finished so far after each day.
   * When one day fails, the days already started finish first (so a job's cleanup never races
   * a load still in flight), then the first failure is thrown.
   */
  static void write(Map<LocalDate, List<Object[]>> days,
      BiConsumer<LocalDate, List<Object[]>> write, LongConsumer done) {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
      Thread thread = new Thread(r, "migration-day-writer");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<Integer>> writes = new ArrayList<>();
      for (var day : days.entrySet()) {
        writes.add(pool.submit(() -> {
          write.accept(day.getKey(), day.getValue());
          return day.getValue().size();
        }));
      }
      RuntimeException failure = null;
      long rows = 0;
      for (Future<Integer> w : writes) {
        try {
          int written = w.get();
          if (failure == null) {
            rows += written;
            done.accept(rows);
          }
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e.getCause() instanceof RuntimeException r ? r
                : new IllegalStateException(e.getCause());
            // Days not started yet are not started at all.
            writes.forEach(f -> f.cancel(false));
          }
        } catch (java.util.concurrent.CancellationException e) {
          // a day the failure cancelled before it began
        }
      }
      if (failure != null) {
        throw failure;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MigrationException("Interrupted while writing the days of a migration", e);
    } finally {
      pool.shutdown();
    }
  }
}
