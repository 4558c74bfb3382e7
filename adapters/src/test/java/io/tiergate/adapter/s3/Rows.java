package io.tiergate.adapter.s3;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** Deterministic generated rows for tests and the micro-measure. */
final class Rows {
  static final long BASE_MILLIS = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
  static final String[] KINDS = {"click", "view", "purchase", "refund", "signup"};

  static final ParquetSchema EVENTS = ParquetSchema.of(
      ParquetColumn.required("tenant_id", ParquetType.VARCHAR),
      ParquetColumn.required("event_id", ParquetType.BIGINT),
      ParquetColumn.required("event_time", ParquetType.TIMESTAMP),
      ParquetColumn.of("kind", ParquetType.VARCHAR),
      ParquetColumn.of("amount", ParquetType.DOUBLE),
      ParquetColumn.of("quantity", ParquetType.INTEGER),
      ParquetColumn.of("flagged", ParquetType.BOOLEAN),
      ParquetColumn.of("event_day", ParquetType.DATE));

  private Rows() {
  }

  /** Row i of {@link #EVENTS}; every 7th row has nulls in the optional columns. */
  static Object[] event(long i) {
    long time = BASE_MILLIS + i * 997;
    boolean nulls = i % 7 == 3;
    return new Object[] {
        "tenant-" + (i % 50),
        i,
        time,
        nulls ? null : KINDS[(int) (i % KINDS.length)],
        nulls ? null : (i % 1000) * 0.25,
        nulls ? null : (int) (i % 97) - 40,
        nulls ? null : i % 3 == 0,
        nulls ? null : (int) Math.floorDiv(time, 86_400_000L)};
  }

  static Iterable<Object[]> events(long count) {
    return () -> new Iterator<>() {
      private long i;

      @Override public boolean hasNext() {
        return i < count;
      }

      @Override public Object[] next() {
        if (i >= count) {
          throw new NoSuchElementException();
        }
        return event(i++);
      }
    };
  }
}
