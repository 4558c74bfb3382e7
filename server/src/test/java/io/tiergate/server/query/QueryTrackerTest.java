package io.tiergate.server.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tiergate.lifecycle.admin.Caller;
import io.tiergate.planner.exec.ExecutionScope;
import io.tiergate.server.error.ClientErrorException;
import io.tiergate.server.error.ErrorKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.avatica.Meta.ConnectionHandle;
import org.apache.calcite.avatica.Meta.ExecuteResult;
import org.apache.calcite.avatica.Meta.Frame;
import org.apache.calcite.avatica.Meta.MetaResultSet;
import org.apache.calcite.avatica.Meta.Signature;
import org.apache.calcite.avatica.Meta.StatementHandle;
import org.junit.jupiter.api.Test;

/** The tracker without engines: stores stand in by counting into the statement's scope. */
class QueryTrackerTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final QueryLog log = new QueryLog(10);
  private final QueryTracker tracker = new QueryTracker(new QueryMetrics(registry), log, true);
  private final StatementHandle h = new StatementHandle("c1", 7, null);

  QueryTrackerTest() {
    tracker.connectionOpened("c1", new Caller("reader", Set.of(Caller.READER)));
  }

  private static ExecuteResult rows(int n, boolean done) {
    List<Object> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(new Object[] {i});
    }
    return new ExecuteResult(List.of(MetaResultSet.create("c1", 7, true,
        Signature.create(List.of(), "", List.of(), null, null), Frame.create(0, done, rows))));
  }

  @Test void aQueryDoneInItsFirstFrameIsTimedByTheTiersItsStoresCounted() throws Exception {
    tracker.execute(h, "SELECT * FROM events WHERE tenant_id = 'tenant-07'", () -> {
      ExecutionScope.current().orElseThrow().planned();
      ExecutionScope.request("dynamodb");
      ExecutionScope.request("dynamodb");
      ExecutionScope.request("control"); // the manifest: no tier
      Thread branch = new Thread(ExecutionScope.propagating(
          () -> ExecutionScope.request("redshift")));
      branch.start();
      branch.join();
      return rows(3, true);
    });
    assertThat(registry.get(QueryMetrics.SECONDS).tags("tiers", "hot+warm", "status", "ok")
        .timer().count()).isEqualTo(1);
    assertThat(registry.get(QueryMetrics.ROWS).tags("tiers", "hot+warm").counter().count())
        .isEqualTo(3);
    QueryRecord r = log.visibleTo(new Caller("reader", Set.of())).get(0);
    assertThat(r.user()).isEqualTo("reader");
    assertThat(r.statement()).isEqualTo("SELECT * FROM events WHERE tenant_id = ?");
    assertThat(r.tiers()).isEqualTo("hot+warm");
    assertThat(r.storeRequestsText()).isEqualTo("control=1,dynamodb=2,redshift=1");
    assertThat(r.rowsReturned()).isEqualTo(3);
    assertThat(r.status()).isEqualTo(QueryStatus.OK);
  }

  @Test void rowsFetchedLaterCountAndTheQueryEndsWithItsLastFrame() throws Exception {
    tracker.execute(h, "SELECT 1", () -> {
      ExecutionScope.current().orElseThrow().planned();
      return rows(2, false);
    });
    assertThat(log.visibleTo(new Caller("admin", Set.of(Caller.ADMIN)))).isEmpty();
    tracker.fetch(h, () -> {
      ExecutionScope.request("athena"); // a lazy branch reads on the fetch's thread
      return Frame.create(2, true, List.of(new Object[] {3}));
    });
    QueryRecord r = log.visibleTo(new Caller("admin", Set.of(Caller.ADMIN))).get(0);
    assertThat(r.rowsReturned()).isEqualTo(3);
    assertThat(r.tiers()).isEqualTo("cold");
    assertThat(registry.get(QueryMetrics.SECONDS).tags("tiers", "cold", "status", "ok")
        .timer().count()).isEqualTo(1);
  }

  @Test void aFailureBeforePlanningIsARefusalByKindNotATimedQuery() {
    assertThatThrownBy(() -> tracker.execute(h, "SELEC 1", () -> {
      throw new ClientErrorException(ErrorKind.SYNTAX_ERROR, "does not parse");
    })).isInstanceOf(ClientErrorException.class);
    assertThat(registry.get(QueryMetrics.REFUSED).tag("reason", "syntax_error").counter()
        .count()).isEqualTo(1);
    assertThat(registry.find(QueryMetrics.SECONDS).timers()).isEmpty();
    QueryRecord r = log.visibleTo(new Caller("reader", Set.of())).get(0);
    assertThat(r.status()).isEqualTo(QueryStatus.REFUSED);
    assertThat(r.errorSqlState()).isEqualTo("42601");
    assertThat(r.tiers()).isEqualTo("none");
  }

  @Test void aFailureWhileRunningIsAnErrorAndACancellationCancelled() {
    assertThatThrownBy(() -> tracker.execute(h, "SELECT 1/0", () -> {
      ExecutionScope.current().orElseThrow().planned();
      ExecutionScope.request("redis");
      throw new ClientErrorException(ErrorKind.STORE_FAILED, "refused");
    })).isInstanceOf(ClientErrorException.class);
    assertThatThrownBy(() -> tracker.execute(h, "SELECT 2", () -> {
      ExecutionScope.current().orElseThrow().planned();
      throw new ClientErrorException(ErrorKind.CANCELLED, "cancelled");
    })).isInstanceOf(ClientErrorException.class);
    assertThat(registry.get(QueryMetrics.SECONDS).tags("tiers", "hot", "status", "error")
        .timer().count()).isEqualTo(1);
    assertThat(registry.get(QueryMetrics.SECONDS).tags("tiers", "none", "status", "cancelled")
        .timer().count()).isEqualTo(1);
    assertThat(registry.find(QueryMetrics.REFUSED).counters()).isEmpty();
  }

  @Test void aPreparedStatementIsLoggedWithItsTextAndAStatementClosedEarlyEndsOk()
      throws Exception {
    StatementHandle prepared = tracker.prepare(new ConnectionHandle("c1"),
        "SELECT * FROM events WHERE amount > 10 AND tenant_id = ?", () -> h);
    tracker.execute(prepared, null, () -> {
      ExecutionScope.current().orElseThrow().planned();
      ExecutionScope.request("athena");
      return rows(5, false);
    });
    tracker.statementClosed(prepared);
    QueryRecord r = log.visibleTo(new Caller("reader", Set.of())).get(0);
    assertThat(r.statement()).isEqualTo("SELECT * FROM events WHERE amount > ? AND tenant_id = ?");
    assertThat(r.status()).isEqualTo(QueryStatus.OK);
    assertThat(r.rowsReturned()).isEqualTo(5);
    assertThat(r.tiers()).isEqualTo("cold");
  }
}
