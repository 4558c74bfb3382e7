package io.tiergate.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A micro-measure, not a benchmark: prints write and read rates of 500K rows of the shape the
 * architecture measured (long, timestamp, string, double) with ZSTD. Asserts nothing about time.
 */
class ParquetThroughputTest {
  private static final ParquetSchema SHAPE = ParquetSchema.of(
      ParquetColumn.required("id", ParquetType.BIGINT),
      ParquetColumn.required("ts", ParquetType.TIMESTAMP),
      ParquetColumn.of("kind", ParquetType.VARCHAR),
      ParquetColumn.of("amount", ParquetType.DOUBLE));
  private static final int ROWS = 500_000;

  @Test void writeAndReadRates() {
    Iterable<Object[]> rows = () -> java.util.stream.LongStream.range(0, ROWS)
        .mapToObj(i -> new Object[] {i, Rows.BASE_MILLIS + i * 37, Rows.KINDS[(int) (i % 5)],
            (i % 10_000) / 4.0})
        .iterator();
    // Warm-up (class loading, JIT, zstd native), then measured. Cold, the first rows go 3-5x
    // slower than this prints.
    for (int round = 0; round < 2; round++) {
      byte[] warm = ParquetRowWriter.toBytes(SHAPE, () -> java.util.stream.LongStream
          .range(0, 100_000).mapToObj(i -> new Object[] {i, i, Rows.KINDS[(int) (i % 5)], 1.0})
          .iterator());
      ParquetRowReader.readAll(new ByteArrayInputFile("warm", warm), "warm");
    }

    long t0 = System.nanoTime();
    byte[] file = ParquetRowWriter.toBytes(SHAPE, rows);
    long t1 = System.nanoTime();
    long count = 0;
    double sum = 0;
    try (ParquetRowReader reader = ParquetRowReader.open(new ByteArrayInputFile("mem", file),
        "mem", null)) {
      while (reader.hasNext()) {
        sum += (Double) reader.next()[3];
        count++;
      }
    }
    long t2 = System.nanoTime();
    try (ParquetRowReader reader = ParquetRowReader.open(new ByteArrayInputFile("mem", file),
        "mem", List.of("ts"))) {
      while (reader.hasNext()) {
        reader.next();
      }
    }
    long t3 = System.nanoTime();

    assertThat(count).isEqualTo(ROWS);
    assertThat(sum).isPositive();
    System.out.printf("Parquet ZSTD, %,d rows (long, timestamp, string, double): %.1f MB;"
            + " write %,.0f rows/s, read %,.0f rows/s, read of 1 column %,.0f rows/s%n",
        ROWS, file.length / 1e6, ROWS / ((t1 - t0) / 1e9), ROWS / ((t2 - t1) / 1e9),
        ROWS / ((t3 - t2) / 1e9));
  }
}
