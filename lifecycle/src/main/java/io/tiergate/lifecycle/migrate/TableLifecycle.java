package io.tiergate.lifecycle.migrate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Everything a migration of one tiered table touches: its key and time columns, the stores of
 * its tiers, and its policy. A tier the table does not have is null, and so are its moves.
 */
public record TableLifecycle(String table, List<String> columns, List<String> keyColumns,
    String timeColumn, HotSliceStore hot, WarmSliceStore warm, ColdSliceStore cold, LifecyclePolicy policy) {
  public TableLifecycle {
    Objects.requireNonNull(table, "table");
    columns = List.copyOf(columns);
    keyColumns = List.copyOf(keyColumns);
    Objects.requireNonNull(policy, "policy");
  }

  /** The checksum of rows in the table's column order (every tier stores that order). */
  public RowChecksum checksum(Iterable<Object[]> rows) {
    int time = columns.indexOf(timeColumn);
    int[] key = keyColumns.stream().mapToInt(columns::indexOf).toArray();
    RowChecksum.Builder sum = new RowChecksum.Builder();
    for (Object[] row : rows) {
      Object[] k = new Object[key.length];
      for (int i = 0; i < key.length; i++) {
        k[i] = row[key[i]];
      }
      sum.add(Arrays.asList(k), (Long) row[time]);
    }
    return sum.build();
  }

  /**
   * The columns that identify a row, key then time: all that a checksum covers, so a
   * verification reads only these.
   */
  public List<String> identityColumns() {
    List<String> identity = new ArrayList<>(keyColumns);
    identity.add(timeColumn);
    return identity;
  }

  /** The checksum of rows projected to {@link #identityColumns()}. */
  public RowChecksum identityChecksum(Iterable<Object[]> identities) {
    int time = keyColumns.size();
    RowChecksum.Builder sum = new RowChecksum.Builder();
    for (Object[] identity : identities) {
      sum.add(Arrays.asList(identity).subList(0, time), (Long) identity[time]);
    }
    return sum.build();
  }

  public long time(Object[] row) {
    return (Long) row[columns.indexOf(timeColumn)];
  }

  /** Whether the table has both tiers a transition moves between. */
  public boolean supports(Transition transition) {
    return switch (transition) {
      case HOT_TO_WARM -> hot != null && warm != null;
      case WARM_TO_COLD -> warm != null && cold != null;
      case COLD_CLASS, EXPIRE -> cold != null;
    };
  }
}
