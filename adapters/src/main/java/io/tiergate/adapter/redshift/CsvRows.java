package io.tiergate.adapter.redshift;

import io.tiergate.planner.catalog.ColumnSpec;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.postgresql.copy.CopyIn;

/**
 * Rows of Parquet values (see ParquetType) as PostgreSQL COPY CSV, sent to a {@link CopyIn} in
 * 64 KB chunks. Every value is quoted, so an empty string stays an empty string; a NULL is the
 * unquoted empty field, which is what CSV COPY reads as NULL.
 */
final class CsvRows {
  private static final int CHUNK = 64 * 1024;
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");

  private final List<ColumnSpec> columns;
  private final CopyIn copy;
  private final StringBuilder buffer = new StringBuilder(CHUNK + 1024);

  CsvRows(List<ColumnSpec> columns, CopyIn copy) {
    this.columns = columns;
    this.copy = copy;
  }

  void add(Object[] values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        buffer.append(',');
      }
      if (values[i] != null) {
        quoted(text(columns.get(i), values[i]));
      }
    }
    buffer.append('\n');
    if (buffer.length() >= CHUNK) {
      flush();
    }
  }

  void flush() throws SQLException {
    if (buffer.length() > 0) {
      byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
      copy.writeToCopy(bytes, 0, bytes.length);
      buffer.setLength(0);
    }
  }

  private void quoted(String text) {
    buffer.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        buffer.append('"');
      }
      buffer.append(c);
    }
    buffer.append('"');
  }

  static String text(ColumnSpec column, Object value) throws SQLException {
    return switch (column.type()) {
      case TIMESTAMP -> TIMESTAMP.format(SliceTransaction.wallClock((Long) value));
      case DATE -> LocalDate.ofEpochDay(((Number) value).longValue()).toString();
      case VARCHAR, DOUBLE, BIGINT, INTEGER, BOOLEAN -> value.toString();
      default -> throw new SQLException("Column " + column.name() + " has type "
          + column.type() + ", which the warm loader cannot write");
    };
  }
}
