package io.tiergate.lifecycle.migrate;

import com.google.common.hash.Hashing;
import io.tiergate.planner.catalog.ColumnSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An order-independent fingerprint of a set of rows: how many, and the sum (mod 2^64) of a
 * 64-bit hash of each whole row, every column of the table's schema in schema order with its
 * value normalized ({@link CanonicalValue}). Stores return rows in any order and a migration
 * reads source and target differently, so only a commutative combination can compare them; a
 * sum (unlike XOR) also tells a row counted twice from one counted once.
 */
public record RowChecksum(long rows, long sum) {
  public static final RowChecksum EMPTY = new RowChecksum(0, 0);

  /**
   * The checksum of one row whose values are in {@code schema}'s order. The schema, not the
   * row, says which columns count: a row that lacks one (or has one too many) hashes
   * differently from the full row, so it is a mismatch rather than a column skipped.
   */
  public static RowChecksum of(List<ColumnSpec> schema, Object[] row) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < Math.max(schema.size(), row.length); i++) {
      if (i >= row.length) {
        text.append(CanonicalValue.ABSENT);
      } else if (i >= schema.size()) {
        text.append(CanonicalValue.EXTRA);
      } else {
        CanonicalValue.append(text, schema.get(i), row[i]);
      }
    }
    long hash = Hashing.murmur3_128().hashString(text, StandardCharsets.UTF_8).asLong();
    return new RowChecksum(1, hash);
  }

  public RowChecksum plus(RowChecksum other) {
    return new RowChecksum(rows + other.rows, sum + other.sum);
  }

  public RowChecksum minus(RowChecksum other) {
    return new RowChecksum(rows - other.rows, sum - other.sum);
  }

  /** Accumulates the rows of one schema one at a time (not thread-safe). */
  public static final class Builder {
    private final List<ColumnSpec> schema;
    private long rows;
    private long sum;

    public Builder(List<ColumnSpec> schema) {
      this.schema = List.copyOf(schema);
    }

    public Builder add(Object[] row) {
      rows++;
      sum += of(schema, row).sum;
      return this;
    }

    public RowChecksum build() {
      return new RowChecksum(rows, sum);
    }
  }

  @Override public String toString() {
    return rows + " rows, checksum " + Long.toHexString(sum);
  }
}
