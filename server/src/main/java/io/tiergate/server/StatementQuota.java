package io.tiergate.server;

import io.tiergate.server.error.ClientErrorException;
import io.tiergate.server.error.ErrorKind;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;

/**
 * The statements each connection holds open, bounded by
 * {@code server.limits.statements-per-connection}: a client that leaks statements (prepares in
 * a loop and never closes) is told so, instead of growing the gateway's memory without end.
 */
final class StatementQuota {
  private final int limit;
  private final Map<String, Set<Integer>> open = new ConcurrentHashMap<>();

  StatementQuota(int limit) {
    this.limit = limit;
  }

  /**
   * Refuses a new statement on a connection at its limit. {@code stillOpen} says whether a
   * statement counted is still open: Avatica also closes statements left idle.
   */
  void admit(String connectionId, IntPredicate stillOpen) {
    Set<Integer> ids = open.get(connectionId);
    if (ids == null) {
      return;
    }
    ids.removeIf(id -> !stillOpen.test(id));
    if (ids.size() >= limit) {
      throw new ClientErrorException(ErrorKind.LIMIT_EXCEEDED, "Too many statements:"
          + " connection " + connectionId + " has " + ids.size() + " open, the limit of"
          + " server.limits.statements-per-connection; close statements you no longer use");
    }
  }

  void opened(String connectionId, int statementId) {
    open.computeIfAbsent(connectionId, id -> ConcurrentHashMap.newKeySet()).add(statementId);
  }

  void closed(String connectionId, int statementId) {
    Set<Integer> ids = open.get(connectionId);
    if (ids != null) {
      ids.remove(statementId);
    }
  }

  void connectionClosed(String connectionId) {
    open.remove(connectionId);
  }
}
