package io.tiergate.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gate alone, no store: who gets the next turn, how many may wait, and what a refusal says. */
class AdmissionGateTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach void stop() {
    threads.shutdownNow();
  }

  private AdmissionGate gate(int connections, int queue, Duration maxWait) {
    return new AdmissionGate("athena", new AdmissionLimits(connections, queue, maxWait),
        () -> "nobody", registry);
  }

  /** Starts a query of {@code user} that records its turn and gives it back at once. */
  private Future<?> waitAs(AdmissionGate gate, String user, String name, List<String> turns)
      throws InterruptedException {
    int before = gate.queued();
    Future<?> query = threads.submit(() -> {
      try (AdmissionGate.Turn turn = gate.enter(user)) {
        turns.add(name);
      }
      return null;
    });
    while (gate.queued() == before) { // queued in this order, for the test to know it
      Thread.sleep(1);
    }
    return query;
  }

  @Test void turnsGoRoundRobinOverUsersNotFirstComeFirstServed() throws Exception {
    AdmissionGate gate = gate(1, 10, Duration.ofSeconds(10));
    List<String> turns = new CopyOnWriteArrayList<>();
    AdmissionGate.Turn held = gate.enter("x");
    List<Future<?>> queries = List.of(waitAs(gate, "alice", "a1", turns),
        waitAs(gate, "alice", "a2", turns), waitAs(gate, "alice", "a3", turns),
        waitAs(gate, "bob", "b1", turns));
    assertThat(gate.queued()).isEqualTo(4);
    assertThat(registry.get(AdmissionGate.QUEUE_LENGTH).tag("store", "athena").gauge().value())
        .isEqualTo(4.0);

    held.close();
    for (Future<?> query : queries) {
      query.get(10, TimeUnit.SECONDS);
    }

    // Bob came last but waits behind one of Alice's queries, not all three.
    assertThat(turns).containsExactly("a1", "b1", "a2", "a3");
    assertThat(gate.queued()).isZero();
    assertThat(registry.get(AdmissionGate.QUEUE_WAIT).tag("store", "athena").timer().count())
        .isEqualTo(5);
  }

  @Test void upToConnectionsAtOnceWithoutWaiting() throws Exception {
    AdmissionGate gate = gate(3, 0, Duration.ofSeconds(10));
    AdmissionGate.Turn first = gate.enter("a");
    gate.enter("a");
    gate.enter("b");
    assertThatThrownBy(() -> gate.enter("c")).isInstanceOf(StoreSaturatedException.class);

    first.close();
    first.close(); // a second close gives nothing back twice
    gate.enter("c");
    assertThatThrownBy(() -> gate.enter("d")).isInstanceOf(StoreSaturatedException.class);
  }

  @Test void aFullQueueRefusesAtOnceNamingTheStoreAndTheQueue() throws Exception {
    AdmissionGate gate = gate(1, 2, Duration.ofSeconds(30));
    List<String> turns = new CopyOnWriteArrayList<>();
    AdmissionGate.Turn held = gate.enter("x");
    Future<?> a = waitAs(gate, "a", "a", turns);
    Future<?> b = waitAs(gate, "b", "b", turns);

    long started = System.nanoTime();
    assertThatThrownBy(() -> gate.enter("c"))
        .isInstanceOfSatisfying(StoreSaturatedException.class, e -> {
          assertThat(e.reason()).isEqualTo(StoreSaturatedException.Reason.QUEUE_FULL);
          assertThat(e.getSQLState()).isEqualTo("53300");
          assertThat(e.store()).isEqualTo("athena");
          assertThat(e.queued()).isEqualTo(2);
        })
        .hasMessageStartingWith("athena is saturated: all 1 of its connections are busy and "
            + "its queue is full (2 of 2 waiting); refused after 0.");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    assertThat(registry.get(AdmissionGate.REFUSALS).tags("store", "athena", "reason", "full")
        .counter().count()).isEqualTo(1.0);

    held.close();
    a.get(10, TimeUnit.SECONDS);
    b.get(10, TimeUnit.SECONDS);
    assertThat(turns).containsExactly("a", "b");
  }

  @Test void aQueryThatWaitedItsLongestIsRefusedSayingHowLong() throws Exception {
    AdmissionGate gate = gate(1, 5, Duration.ofMillis(300));
    AdmissionGate.Turn held = gate.enter("x");

    long started = System.nanoTime();
    assertThatThrownBy(() -> gate.enter("a"))
        .isInstanceOfSatisfying(StoreSaturatedException.class, e -> {
          assertThat(e.reason()).isEqualTo(StoreSaturatedException.Reason.WAITED_TOO_LONG);
          assertThat(e.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        })
        .hasMessageMatching("athena is saturated: all 1 of its connections are busy; waited "
            + "0\\.[3-9] s, the most a query waits, in a queue of 1");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isBetween(Duration.ofMillis(300), Duration.ofSeconds(3));
    assertThat(gate.queued()).isZero();
    assertThat(registry.get(AdmissionGate.REFUSALS).tags("store", "athena", "reason", "timeout")
        .counter().count()).isEqualTo(1.0);

    // The query that gave up left no trace: the turn held goes to the next one who asks.
    held.close();
    gate.enter("b").close();
  }

  @Test void aWaiterInterruptedLeavesTheQueue() throws Exception {
    AdmissionGate gate = gate(1, 5, Duration.ofSeconds(30));
    AdmissionGate.Turn held = gate.enter("x");
    Future<?> waiting = waitAs(gate, "a", "a", new CopyOnWriteArrayList<>());
    waiting.cancel(true);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (gate.queued() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(gate.queued()).isZero();
    held.close();
    gate.enter("b").close();
  }
}
