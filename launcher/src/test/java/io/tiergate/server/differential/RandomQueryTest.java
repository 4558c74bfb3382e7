package io.tiergate.server.differential;

import static org.junit.jupiter.api.Assertions.fail;

import io.tiergate.server.TestGateway;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Random queries ({@link RandomQueries}) through the gateway and the PostgreSQL reference, as
 * the differential suite runs its fixed corpus: shapes and time ranges a fixed list does not
 * reach (issue 19 was one random aggregate in seventy). A failure to plan is a difference too.
 *
 * <p>The build runs a fixed seed, so it sees the same queries every time. On demand:
 * {@code -Dfuzz.seed=<n>} (any long; {@code random} for a new one), {@code -Dfuzz.count=<n>},
 * and {@code -Dfuzz.only=<i>} to run query {@code i} of the seed alone. A failure names the
 * seed, the query's index, both SQL texts, the bind values and both answers. The run stops
 * early, saying so, past {@code -Dfuzz.minutes} (8): on a machine shared with other builds the
 * stores answer far more slowly, and each query has its own timeout besides.
 */
@ExtendWith(TestGateway.Extension.class)
class RandomQueryTest {
  static final long DEFAULT_SEED = 19;
  /**
   * The first 300 queries of seed 19, as many of them as the budget allows (a few seconds a
   * query on two cores; -Dfuzz.minutes=30 runs them all). Query 126, a COUNT(DISTINCT kind) grouped over the oldest
   * cold days, found the Athena stand-in asking its metastore for statistics of projected
   * partitions (issue 15).
   */
  static final int DEFAULT_COUNT = 300;
  /** Bounds the run's time on a slow machine (a few minutes on an idle one). */
  private static final long BUDGET_MINUTES = Long.getLong("fuzz.minutes", 8);
  /** The failures reported in full; the rest are counted. */
  private static final int REPORTED = 5;

  /**
   * Queries in flight at once ({@code -Dfuzz.threads}), each on its own pair of connections.
   * One in the build: on two cores, queries side by side only slow each other (Trino's above
   * all); a larger machine can run a long seed faster with more.
   */
  private static final int THREADS = Integer.getInteger("fuzz.threads", 1);

  private static EdgeRows edgeRows;
  private static final BlockingQueue<DifferentialCheck> CHECKS = new LinkedBlockingQueue<>();

  @BeforeAll static void setUp(TestGateway tg) throws SQLException {
    ReferenceDatabase reference = ReferenceDatabase.of(tg);
    edgeRows = EdgeRows.install(tg, reference);
    for (int i = 0; i < THREADS; i++) {
      CHECKS.add(new DifferentialCheck(tg, reference));
    }
  }

  @AfterAll static void tearDown() throws SQLException {
    try (EdgeRows e = edgeRows) {
      for (DifferentialCheck check : CHECKS) {
        check.close();
      }
      CHECKS.clear();
    }
  }

  @Test void randomQueriesAnswerAsTheReference() throws Exception {
    long seed = seed();
    int count = Integer.getInteger("fuzz.count", DEFAULT_COUNT);
    Integer only = Integer.getInteger("fuzz.only");
    RandomQueries queries = new RandomQueries(seed);
    System.out.printf("random queries: seed %d, %s%n", seed,
        only != null ? "query " + only + " only" : count + " queries");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(BUDGET_MINUTES);
    int first = only != null ? only : 0;
    int end = only != null ? only + 1 : count;
    AtomicInteger run = new AtomicInteger();
    Map<Integer, String> found = new ConcurrentSkipListMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> tasks = new ArrayList<>();
      for (int i = first; i < end; i++) {
        int index = i;
        DifferentialQuery q = queries.query(index);
        tasks.add(pool.submit(() -> {
          if (System.nanoTime() > deadline) {
            return null; // counted below as not run
          }
          DifferentialCheck check = CHECKS.take();
          try {
            check.differences(q).ifPresent(difference -> {
              String report = "Random query " + index + " of seed " + seed + " (rerun alone"
                  + " with -Dfuzz.seed=" + seed + " -Dfuzz.only=" + index + ")\n" + difference;
              System.out.println(report);
              found.put(index, report);
            });
            run.incrementAndGet();
          } finally {
            CHECKS.add(check);
          }
          return null;
        }));
      }
      for (Future<?> task : tasks) {
        task.get();
      }
    } finally {
      pool.shutdownNow();
    }
    if (run.get() < end - first) {
      // Not a failure: a machine shared with other builds may be this slow, and each query
      // has its own timeout for a planner that does not finish.
      System.out.printf("random queries: stopped after %d of %d queries, over the budget of"
          + " %d minutes%n", run.get(), end - first, BUDGET_MINUTES);
    }
    List<String> failures = new ArrayList<>(found.values());
    System.out.printf("random queries: seed %d, %d run, %d differ%n", seed, run.get(),
        failures.size());
    if (!failures.isEmpty()) {
      fail(failures.size() + " of " + run.get() + " random queries (seed " + seed + ") differ from"
          + " the reference:\n" + String.join("\n", failures.subList(0,
              Math.min(REPORTED, failures.size())))
          + (failures.size() > REPORTED ? "\n... and " + (failures.size() - REPORTED)
              + " more, printed above" : ""));
    }
  }

  private static long seed() {
    String seed = System.getProperty("fuzz.seed");
    if (seed == null || seed.isBlank()) {
      return DEFAULT_SEED;
    }
    return seed.equals("random") ? System.nanoTime() : Long.parseLong(seed.trim());
  }
}
