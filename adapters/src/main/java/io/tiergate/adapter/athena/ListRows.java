package io.tiergate.adapter.athena;

import java.util.List;

/** Rows held in memory: the answers of DatabaseMetaData, built from information_schema. */
final class ListRows implements AthenaRows {
  private final String queryId;
  private final List<AthenaColumn> columns;
  private final List<Object[]> rows;
  private int position = -1;

  ListRows(String queryId, List<AthenaColumn> columns, List<Object[]> rows) {
    this.queryId = queryId;
    this.columns = List.copyOf(columns);
    this.rows = rows;
  }

  @Override public String queryId() {
    return queryId;
  }

  @Override public List<AthenaColumn> columns() {
    return columns;
  }

  @Override public boolean next() {
    return ++position < rows.size();
  }

  @Override public Object value(int index) {
    return rows.get(position)[index];
  }

  @Override public String text(int index) {
    Object value = value(index);
    return value == null ? null : value.toString();
  }

  @Override public void close() {
    position = rows.size();
  }
}
