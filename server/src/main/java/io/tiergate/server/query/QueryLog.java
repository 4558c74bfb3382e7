package io.tiergate.server.query;

import io.tiergate.lifecycle.admin.Caller;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The last {@code size} finished statements, oldest first: a bounded ring, so a busy gateway
 * holds at most {@code size} records whatever its traffic ({@code server.query-log.size}).
 */
public final class QueryLog {
  private final int size;
  private final Deque<QueryRecord> records;

  public QueryLog(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("A query log holds 1 record or more, not " + size);
    }
    this.size = size;
    this.records = new ArrayDeque<>(Math.min(size, 1024));
  }

  public synchronized void add(QueryRecord record) {
    if (records.size() == size) {
      records.removeFirst();
    }
    records.addLast(record);
  }

  /**
   * What {@code caller} may see, oldest first: an admin every user's statements, anyone else
   * only their own (statement text can hold data another user must not read).
   */
  public synchronized List<QueryRecord> visibleTo(Caller caller) {
    boolean admin = caller.hasRole(Caller.ADMIN);
    List<QueryRecord> visible = new ArrayList<>();
    for (QueryRecord record : records) {
      if (admin || record.user().equals(caller.user())) {
        visible.add(record);
      }
    }
    return visible;
  }
}
