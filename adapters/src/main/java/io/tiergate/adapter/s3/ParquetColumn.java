package io.tiergate.adapter.s3;

import java.util.Objects;

/**
 * One column of a Parquet file: name, type and whether it may hold nulls (OPTIONAL vs REQUIRED in
 * the file). See {@link ParquetType} for the Java value of each type in a row.
 */
public record ParquetColumn(String name, ParquetType type, boolean nullable) {
  public ParquetColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (name.isBlank()) {
      throw new IllegalArgumentException("Parquet column name is blank");
    }
  }

  /** A nullable (OPTIONAL) column. */
  public static ParquetColumn of(String name, ParquetType type) {
    return new ParquetColumn(name, type, true);
  }

  /** A non-null (REQUIRED) column: writing a null into it fails. */
  public static ParquetColumn required(String name, ParquetType type) {
    return new ParquetColumn(name, type, false);
  }
}
