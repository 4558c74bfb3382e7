package io.tiergate.lifecycle.migrate;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An order-independent fingerprint of a set of rows: how many, and the sum (mod 2^64) of a
 * 64-bit hash of each row's key and time. Stores return rows in any order and a migration reads
 * source and target differently, so only a commutative combination can compare them; a sum
 * (unlike XOR) also tells a row counted twice from one counted once.
 */
public record RowChecksum(long rows, long sum) {
  public static final RowChecksum EMPTY = new RowChecksum(0, 0);

  /** The checksum of one row identified by its key values and time (epoch millis). */
  public static RowChecksum of(List<?> key, long timeMillis) {
    StringBuilder text = new StringBuilder();
    for (Object part : key) {
      // Length-prefixed, so ("ab","c") and ("a","bc") differ.
      String s = String.valueOf(part);
      text.append(s.length()).append(':').append(s).append('|');
    }
    text.append(timeMillis);
    long hash = Hashing.murmur3_128().hashString(text, StandardCharsets.UTF_8).asLong();
    return new RowChecksum(1, hash);
  }

  public RowChecksum plus(RowChecksum other) {
    return new RowChecksum(rows + other.rows, sum + other.sum);
  }

  public RowChecksum minus(RowChecksum other) {
    return new RowChecksum(rows - other.rows, sum - other.sum);
  }

  /** Accumulates rows one at a time (not thread-safe). */
  public static final class Builder {
    private long rows;
    private long sum;

    public Builder add(List<?> key, long timeMillis) {
      RowChecksum one = of(key, timeMillis);
      rows++;
      sum += one.sum;
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
