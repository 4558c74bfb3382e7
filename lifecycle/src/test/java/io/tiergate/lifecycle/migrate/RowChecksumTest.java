package io.tiergate.lifecycle.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiergate.planner.catalog.ColumnSpec;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/** The whole-row checksum: one logical row hashes the same whatever store it was read from. */
class RowChecksumTest {
  private static final List<ColumnSpec> SCHEMA = List.of(
      new ColumnSpec("user_id", SqlTypeName.BIGINT),
      new ColumnSpec("kind", SqlTypeName.VARCHAR),
      new ColumnSpec("event_time", SqlTypeName.TIMESTAMP),
      new ColumnSpec("amount", SqlTypeName.DOUBLE),
      new ColumnSpec("day", SqlTypeName.DATE),
      new ColumnSpec("done", SqlTypeName.BOOLEAN));
  private static final long TIME = Instant.parse("2026-03-01T10:15:30.123Z").toEpochMilli();

  private static RowChecksum of(Object... row) {
    return RowChecksum.of(SCHEMA, row);
  }

  private static Object[] row() {
    return new Object[] {42L, "click", TIME, 12.5, 20_000, true};
  }

  @Test void theSameRowFromEveryStoreHashesEqual() {
    RowChecksum parquet = of(row());
    // DynamoDB: every number an N string; PostgreSQL or Trino: BigDecimal, LocalDateTime,
    // a time with microseconds; an INTEGER read as an Integer.
    assertThat(of("42", "click", Long.toString(TIME), "12.5", "20000", true)).isEqualTo(parquet);
    assertThat(of(new BigDecimal("42"), "click",
        LocalDateTime.parse("2026-03-01T10:15:30.123456"), new BigDecimal("12.50"),
        java.time.LocalDate.ofEpochDay(20_000), "true")).isEqualTo(parquet);
    assertThat(of(42, "click", Instant.ofEpochMilli(TIME), 12.5f, 20_000L, Boolean.TRUE))
        .isEqualTo(parquet);
  }

  @Test void doublesAreNormalized() {
    assertThat(of(1L, "k", TIME, -0.0, null, null)).isEqualTo(of(1L, "k", TIME, 0.0, null, null));
    assertThat(of(1L, "k", TIME, Double.NaN, null, null))
        .isEqualTo(of(1L, "k", TIME, Double.longBitsToDouble(0x7ff8000000000001L), null, null))
        .isEqualTo(of(1L, "k", TIME, "NaN", null, null));
    assertThat(of(1L, "k", TIME, 3, null, null)).isEqualTo(of(1L, "k", TIME, 3.0, null, null));
  }

  @Test void nullDiffersFromTheStringNullAndFromEmpty() {
    RowChecksum nul = of(1L, null, TIME, 1.0, 1, true);
    RowChecksum text = of(1L, "null", TIME, 1.0, 1, true);
    RowChecksum empty = of(1L, "", TIME, 1.0, 1, true);
    assertThat(nul).isNotEqualTo(text).isNotEqualTo(empty);
    assertThat(text).isNotEqualTo(empty);
    // A NULL number is not zero.
    assertThat(of(1L, "k", TIME, null, 1, true)).isNotEqualTo(of(1L, "k", TIME, 0.0, 1, true));
  }

  @Test void everyColumnCounts() {
    RowChecksum base = of(row());
    assertThat(of(43L, "click", TIME, 12.5, 20_000, true)).as("user_id").isNotEqualTo(base);
    assertThat(of(42L, "view", TIME, 12.5, 20_000, true)).as("kind").isNotEqualTo(base);
    assertThat(of(42L, "click", TIME + 1, 12.5, 20_000, true)).as("time").isNotEqualTo(base);
    assertThat(of(42L, "click", TIME, 12.500000001, 20_000, true)).as("amount")
        .isNotEqualTo(base);
    assertThat(of(42L, "click", TIME, 12.5, 20_001, true)).as("day").isNotEqualTo(base);
    assertThat(of(42L, "click", TIME, 12.5, 20_000, false)).as("done").isNotEqualTo(base);
  }

  @Test void valuesDoNotRunIntoEachOther() {
    List<ColumnSpec> twoStrings = List.of(new ColumnSpec("a", SqlTypeName.VARCHAR),
        new ColumnSpec("b", SqlTypeName.VARCHAR));
    assertThat(RowChecksum.of(twoStrings, new Object[] {"ab", "c"}))
        .isNotEqualTo(RowChecksum.of(twoStrings, new Object[] {"a", "bc"}));
    assertThat(RowChecksum.of(twoStrings, new Object[] {"a|S1:b", null}))
        .isNotEqualTo(RowChecksum.of(twoStrings, new Object[] {"a", "b"}));
  }

  @Test void aMissingOrExtraColumnIsAMismatchNotSkipped() {
    Object[] full = row();
    Object[] lacking = java.util.Arrays.copyOf(full, full.length - 1);
    Object[] extra = java.util.Arrays.copyOf(full, full.length + 1);
    assertThat(of(lacking)).isNotEqualTo(of(full));
    assertThat(of(extra)).isNotEqualTo(of(full));
    // A lacking value is not taken for NULL either.
    Object[] nullLast = full.clone();
    nullLast[full.length - 1] = null;
    assertThat(of(lacking)).isNotEqualTo(of(nullLast));
  }

  @Test void theSumIgnoresOrderAndCountsDuplicates() {
    Object[] a = row();
    Object[] b = {7L, "view", TIME, 1.0, null, false};
    RowChecksum ab = new RowChecksum.Builder(SCHEMA).add(a).add(b).build();
    assertThat(new RowChecksum.Builder(SCHEMA).add(b).add(a).build()).isEqualTo(ab);
    assertThat(ab.rows()).isEqualTo(2);
    assertThat(new RowChecksum.Builder(SCHEMA).add(a).add(a).build()).isNotEqualTo(ab);
    assertThat(ab.minus(of(b))).isEqualTo(of(a));
  }
}
