package io.tiergate.adapter.athena;

import java.sql.SQLException;
import java.util.List;

/** The rows of a finished query, read forward once, a page at a time. */
public interface AthenaRows extends AutoCloseable {
  String queryId();

  List<AthenaColumn> columns();

  /** Moves to the next row, fetching the next page when the current one is used up. */
  boolean next() throws SQLException;

  /** The current row's value of column {@code index} (0-based), parsed to its Java type. */
  Object value(int index);

  /** The current row's value of column {@code index} as the store wrote it; null for NULL. */
  String text(int index);

  @Override void close();
}
