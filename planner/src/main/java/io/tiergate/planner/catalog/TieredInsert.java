package io.tiergate.planner.catalog;

import io.tiergate.planner.QueryRefusedException;
import io.tiergate.planner.manifest.ManifestStore;
import io.tiergate.planner.manifest.SqlTimestamp;
import io.tiergate.planner.manifest.TierManifest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.linq4j.Enumerable;

/**
 * What {@code INSERT INTO <tiered table>} runs: every row is checked against the current
 * manifest before any is written, because a row older than the hot slice would be written where
 * no query looks (the hot branch reads only its slice) and only lifecycle migrations may place
 * data in warm and cold storage.
 */
public final class TieredInsert {
  private final TieredTableSpec spec;
  private final ManifestStore manifests;
  private final HotRowWriter writer;

  public TieredInsert(TieredTableSpec spec, ManifestStore manifests, HotRowWriter writer) {
    this.spec = spec;
    this.manifests = manifests;
    this.writer = writer;
  }

  /** Called by the generated plan with the rows to insert; returns the row count. */
  public long insert(Enumerable<Object[]> source) {
    List<Object[]> rows = new ArrayList<>();
    for (Object[] row : source) {
      rows.add(row);
    }
    // Read at execution, not planning: a cached plan must not write behind a moved boundary.
    TierManifest manifest = manifests.current(spec.name());
    int time = spec.timeColumnIndex();
    Set<List<Object>> keys = new HashSet<>();
    for (Object[] row : rows) {
      for (String key : spec.key()) {
        if (row[spec.columnIndex(key)] == null) {
          throw new QueryRefusedException(QueryRefusedException.NOT_NULL_VIOLATION,
              "INSERT INTO " + spec.name() + ": key column '" + key + "' may not be NULL");
        }
      }
      if (row[time] == null) {
        throw new QueryRefusedException(QueryRefusedException.NOT_NULL_VIOLATION,
            "INSERT INTO " + spec.name() + ": time column '" + spec.timeColumn()
            + "' may not be NULL");
      }
      long millis = (Long) row[time];
      if (millis < manifest.hotFloor()) {
        throw new QueryRefusedException(QueryRefusedException.CHECK_VIOLATION,
            "INSERT INTO " + spec.name() + ": " + spec.timeColumn() + " "
            + SqlTimestamp.format(millis) + " is older than the hot tier, which starts at "
            + SqlTimestamp.format(manifest.hotFloor()) + " (manifest version "
            + manifest.version() + "); older rows are moved by the lifecycle, not inserted. "
            + "Nothing was written");
      }
      List<Object> key = new ArrayList<>();
      spec.key().forEach(k -> key.add(row[spec.columnIndex(k)]));
      key.add(row[time]);
      if (!keys.add(key)) {
        throw new QueryRefusedException(QueryRefusedException.UNIQUE_VIOLATION,
            "INSERT INTO " + spec.name() + ": the key " + describeKey(row)
            + " appears twice in the inserted rows. Nothing was written");
      }
    }
    return rows.isEmpty() ? 0 : writer.insert(rows);
  }

  private String describeKey(Object[] row) {
    StringBuilder text = new StringBuilder("(");
    for (String key : spec.key()) {
      text.append(key).append("='").append(row[spec.columnIndex(key)]).append("', ");
    }
    return text.append(spec.timeColumn()).append("=")
        .append(SqlTimestamp.format((Long) row[spec.timeColumnIndex()])).append(')').toString();
  }
}
