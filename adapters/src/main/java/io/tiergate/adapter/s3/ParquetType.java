package io.tiergate.adapter.s3;

import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * The column types Tiergate writes to Parquet, and the Java value of each in an {@code Object[]}
 * row. The values are Calcite's internal ones (as in every other adapter), so rows pass between
 * an enumerable and a file unchanged:
 *
 * <table>
 *   <caption>type mapping</caption>
 *   <tr><th>type</th><th>Parquet</th><th>row value (read)</th><th>also accepted on write</th></tr>
 *   <tr><td>VARCHAR</td><td>BINARY (STRING)</td><td>String</td><td>any CharSequence</td></tr>
 *   <tr><td>BIGINT</td><td>INT64</td><td>Long</td><td>Integer, Short, Byte</td></tr>
 *   <tr><td>INTEGER</td><td>INT32</td><td>Integer</td><td>Short, Byte</td></tr>
 *   <tr><td>DOUBLE</td><td>DOUBLE</td><td>Double</td><td>Float</td></tr>
 *   <tr><td>BOOLEAN</td><td>BOOLEAN</td><td>Boolean</td><td>-</td></tr>
 *   <tr><td>TIMESTAMP</td><td>INT64 TIMESTAMP(MILLIS, isAdjustedToUTC=false)</td>
 *       <td>Long: epoch milliseconds of the UTC wall-clock time</td>
 *       <td>java.time.LocalDateTime (wall-clock), java.time.Instant</td></tr>
 *   <tr><td>DATE</td><td>INT32 DATE</td><td>Integer: days since 1970-01-01</td>
 *       <td>java.time.LocalDate</td></tr>
 * </table>
 *
 * <p>{@code java.sql.Timestamp} and {@code java.sql.Date} are refused: their meaning depends on the
 * JVM's time zone. TIMESTAMP(MILLIS, not adjusted to UTC) is what Trino's Hive connector (and so
 * Athena) reads as {@code timestamp(3)}.
 */
public enum ParquetType {
  VARCHAR(PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType()),
  BIGINT(PrimitiveTypeName.INT64, null),
  INTEGER(PrimitiveTypeName.INT32, null),
  DOUBLE(PrimitiveTypeName.DOUBLE, null),
  BOOLEAN(PrimitiveTypeName.BOOLEAN, null),
  TIMESTAMP(PrimitiveTypeName.INT64,
      LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MILLIS)),
  DATE(PrimitiveTypeName.INT32, LogicalTypeAnnotation.dateType());

  private final PrimitiveTypeName primitive;
  private final LogicalTypeAnnotation logical;

  ParquetType(PrimitiveTypeName primitive, LogicalTypeAnnotation logical) {
    this.primitive = primitive;
    this.logical = logical;
  }

  public PrimitiveTypeName primitive() {
    return primitive;
  }

  /** The logical type annotation written, or null for a bare primitive. */
  public LogicalTypeAnnotation logical() {
    return logical;
  }

  /** The Parquet type of a catalog column type ({@code ColumnSpec.type()}). */
  public static ParquetType of(SqlTypeName sqlType) {
    return switch (sqlType) {
      case VARCHAR, CHAR -> VARCHAR;
      case BIGINT -> BIGINT;
      case INTEGER -> INTEGER;
      case DOUBLE -> DOUBLE;
      case BOOLEAN -> BOOLEAN;
      case TIMESTAMP -> TIMESTAMP;
      case DATE -> DATE;
      default -> throw new IllegalArgumentException("No Parquet mapping for SQL type " + sqlType
          + "; supported: VARCHAR, BIGINT, INTEGER, DOUBLE, BOOLEAN, TIMESTAMP, DATE");
    };
  }

  public SqlTypeName sqlType() {
    return SqlTypeName.valueOf(name());
  }
}
