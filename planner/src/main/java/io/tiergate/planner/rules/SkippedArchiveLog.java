package io.tiergate.planner.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * The archived days each statement of one Calcite connection left out in its last execution
 * ({@code archived=skip}), until the gateway hands them to the client as warnings.
 *
 * <p>A running plan knows neither the client's statement nor its thread (branches run on
 * their own threads), only its {@link DataContext}: the one thing there that is the
 * statement's own is Calcite's cancel flag, so entries are kept by that flag (weakly: they go
 * with the statement). The gateway {@linkplain #bind binds} the client's statement id to it.
 */
public final class SkippedArchiveLog {
  /** Where the log sits in its Calcite connection's properties (an object, not a string). */
  static final String PROPERTY = "tiergate.skippedArchives";

  private final Map<AtomicBoolean, List<SkippedArchive>> byStatement =
      Collections.synchronizedMap(new WeakHashMap<>());
  private final Map<Integer, AtomicBoolean> clientStatements = new ConcurrentHashMap<>();

  /** The log of a Calcite connection, made on first use. */
  public static SkippedArchiveLog of(CalciteConnection connection) {
    return (SkippedArchiveLog) connection.getProperties()
        .computeIfAbsent(PROPERTY, key -> new SkippedArchiveLog());
  }

  /** Records what the statement running in {@code root} left out; nowhere outside Calcite. */
  static void record(DataContext root, List<SkippedArchive> skipped) {
    Object flag = root.get(DataContext.Variable.CANCEL_FLAG.camelName);
    if (root.getQueryProvider() instanceof CalciteConnection connection
        && flag instanceof AtomicBoolean statement) {
      of(connection).byStatement.computeIfAbsent(statement,
          key -> Collections.synchronizedList(new ArrayList<>())).addAll(skipped);
    }
  }

  /** Ties a client statement id to the Calcite statement (its cancel flag) that ran it. */
  public void bind(int clientStatement, AtomicBoolean statement) {
    clientStatements.put(clientStatement, statement);
  }

  /** Forgets the last execution of a client statement: it is about to run again. */
  public void clear(int clientStatement) {
    AtomicBoolean statement = clientStatements.get(clientStatement);
    if (statement != null) {
      byStatement.remove(statement);
    }
  }

  /** Forgets a closed client statement. */
  public void remove(int clientStatement) {
    clear(clientStatement);
    clientStatements.remove(clientStatement);
  }

  /** What the client statement's last execution left out, in the order it was found. */
  public List<SkippedArchive> skipped(int clientStatement) {
    AtomicBoolean statement = clientStatements.get(clientStatement);
    List<SkippedArchive> skipped = statement == null ? null : byStatement.get(statement);
    if (skipped == null) {
      return List.of();
    }
    synchronized (skipped) {
      return List.copyOf(skipped);
    }
  }
}
