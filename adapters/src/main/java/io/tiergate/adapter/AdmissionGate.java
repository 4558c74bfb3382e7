package io.tiergate.adapter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The turn a query waits for before it takes one of a store's connections, so that a busy store
 * makes queries wait (bounded) instead of failing when its pool has none free: a pool's own
 * timeout cannot tell "every connection is busy" from "the store does not answer", and only the
 * second should fail fast.
 *
 * <p>At most {@code connections} turns are out at once. Beyond them, queries wait in one queue
 * per user and turns go round robin over the users with someone waiting (first come, first
 * served within a user), so one client with many parallel queries cannot starve another's.
 * At most {@code queue} queries wait in all; one more is refused at once, and a query that waited
 * {@code maxWait} gives up. Both refusals are {@link StoreSaturatedException}s.
 *
 * <p>Meters, tagged {@code store}: {@code tiergate_store_queue_length} (queries waiting now),
 * {@code tiergate_store_queue_wait_seconds} (a histogram of every query's wait, zero included)
 * and {@code tiergate_store_queue_refusals_total} by {@code reason} ({@code full},
 * {@code timeout}).
 */
public final class AdmissionGate {
  public static final String QUEUE_LENGTH = "tiergate.store.queue.length";
  public static final String QUEUE_WAIT = "tiergate.store.queue.wait";
  public static final String REFUSALS = "tiergate.store.queue.refusals";

  private final String store;
  private final AdmissionLimits limits;
  private final Supplier<String> currentUser;
  private final ReentrantLock lock = new ReentrantLock();
  /** Users with someone waiting, in the order their next turn comes; each user's own FIFO. */
  private final LinkedHashMap<String, ArrayDeque<Waiter>> waiting = new LinkedHashMap<>();
  private int free;
  private int queued;
  private final Timer waits;
  private final Counter refusedFull;
  private final Counter refusedTimeout;

  /** @param currentUser who the calling thread queries for; a user's queries share a turn */
  public AdmissionGate(String store, AdmissionLimits limits, Supplier<String> currentUser,
      MeterRegistry registry) {
    this.store = store;
    this.limits = limits;
    this.currentUser = currentUser;
    this.free = limits.connections();
    Gauge.builder(QUEUE_LENGTH, this, AdmissionGate::queued)
        .description("Queries waiting for a connection of the store")
        .tag("store", store)
        .register(registry);
    this.waits = Timer.builder(QUEUE_WAIT)
        .description("How long queries waited for a connection of the store")
        .tag("store", store)
        .publishPercentileHistogram()
        .register(registry);
    this.refusedFull = refusals(registry, "full");
    this.refusedTimeout = refusals(registry, "timeout");
  }

  private Counter refusals(MeterRegistry registry, String reason) {
    return Counter.builder(REFUSALS)
        .description("Queries refused because the store's connections were all busy")
        .tags("store", store, "reason", reason)
        .register(registry);
  }

  public String store() {
    return store;
  }

  public AdmissionLimits limits() {
    return limits;
  }

  /** Queries waiting now. */
  public int queued() {
    lock.lock();
    try {
      return queued;
    } finally {
      lock.unlock();
    }
  }

  /** Waits for a turn as the thread's current user. */
  public Turn enter() throws StoreSaturatedException, InterruptedException {
    String user = currentUser.get();
    return enter(user == null ? "" : user);
  }

  /**
   * Waits for a turn as {@code user}: at once when one is free and nobody waits, else in the
   * user's queue until a turn comes round to it or {@code maxWait} passes.
   */
  public Turn enter(String user) throws StoreSaturatedException, InterruptedException {
    long started = System.nanoTime();
    lock.lock();
    try {
      if (free > 0 && queued == 0) {
        free--;
        return admitted(started);
      }
      if (queued >= limits.queue()) {
        refusedFull.increment();
        throw refused(StoreSaturatedException.Reason.QUEUE_FULL, started);
      }
      Waiter waiter = new Waiter(lock.newCondition());
      waiting.computeIfAbsent(user, u -> new ArrayDeque<>()).addLast(waiter);
      queued++;
      long remaining = limits.maxWait().toNanos();
      try {
        while (!waiter.admitted) {
          if (remaining <= 0) {
            StoreSaturatedException refusal =
                refused(StoreSaturatedException.Reason.WAITED_TOO_LONG, started);
            withdraw(user, waiter);
            refusedTimeout.increment();
            throw refusal;
          }
          remaining = waiter.turn.awaitNanos(remaining);
        }
      } catch (InterruptedException e) {
        if (waiter.admitted) {
          passOn(); // the turn it was given goes to the next in line
        } else {
          withdraw(user, waiter);
        }
        throw e;
      }
      return admitted(started);
    } finally {
      lock.unlock();
    }
  }

  private Turn admitted(long started) {
    waits.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    return new Turn();
  }

  private StoreSaturatedException refused(StoreSaturatedException.Reason reason, long started) {
    Duration waited = Duration.ofNanos(System.nanoTime() - started);
    waits.record(waited);
    return new StoreSaturatedException(store, reason, waited, queued, limits);
  }

  private void withdraw(String user, Waiter waiter) {
    ArrayDeque<Waiter> queue = waiting.get(user);
    queue.remove(waiter);
    if (queue.isEmpty()) {
      waiting.remove(user);
    }
    queued--;
  }

  /** Gives a returned turn to the first waiter of the next user in the round, or frees it. */
  private void passOn() {
    Iterator<Map.Entry<String, ArrayDeque<Waiter>>> users = waiting.entrySet().iterator();
    if (!users.hasNext()) {
      free++;
      return;
    }
    Map.Entry<String, ArrayDeque<Waiter>> next = users.next();
    Waiter waiter = next.getValue().removeFirst();
    users.remove();
    if (!next.getValue().isEmpty()) {
      waiting.put(next.getKey(), next.getValue()); // to the back of the round
    }
    queued--;
    waiter.admitted = true;
    waiter.turn.signal();
  }

  /** One query's use of the store; {@link #close} gives it back, once. */
  public final class Turn implements AutoCloseable {
    private boolean closed;

    private Turn() {
    }

    @Override public void close() {
      lock.lock();
      try {
        if (!closed) {
          closed = true;
          passOn();
        }
      } finally {
        lock.unlock();
      }
    }
  }

  private static final class Waiter {
    private final Condition turn;
    private boolean admitted;

    private Waiter(Condition turn) {
      this.turn = turn;
    }
  }
}
