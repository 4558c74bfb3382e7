package io.tiergate.adapter.s3;

import io.tiergate.planner.catalog.ColumnSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The flat column list of a Parquet file (no nesting, no repetition): what Tiergate writes and
 * what it can read back. Rows are {@code Object[]} in this column order.
 */
public record ParquetSchema(List<ParquetColumn> columns) {
  /** The name of the Parquet message; readers (Trino, Athena) ignore it. */
  public static final String MESSAGE_NAME = "tiergate";

  public ParquetSchema {
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("A Parquet schema needs at least one column");
    }
    Set<String> seen = new HashSet<>();
    for (ParquetColumn column : columns) {
      if (!seen.add(column.name())) {
        throw new IllegalArgumentException("Duplicate Parquet column '" + column.name() + "'");
      }
    }
  }

  public static ParquetSchema of(ParquetColumn... columns) {
    return new ParquetSchema(List.of(columns));
  }

  /** The schema of a catalog table's columns, all nullable, in the same order. */
  public static ParquetSchema fromColumnSpecs(List<ColumnSpec> specs) {
    List<ParquetColumn> columns = new ArrayList<>(specs.size());
    for (ColumnSpec spec : specs) {
      columns.add(ParquetColumn.of(spec.name(), ParquetType.of(spec.type())));
    }
    return new ParquetSchema(columns);
  }

  public int size() {
    return columns.size();
  }

  public ParquetColumn column(int index) {
    return columns.get(index);
  }

  public List<String> names() {
    return columns.stream().map(ParquetColumn::name).toList();
  }

  /** The position of a column, or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The named columns, in the order given. */
  public ParquetSchema project(List<String> names) {
    List<ParquetColumn> projected = new ArrayList<>(names.size());
    for (String name : names) {
      int index = indexOf(name);
      if (index < 0) {
        throw new IllegalArgumentException("No column '" + name + "' in " + names());
      }
      projected.add(columns.get(index));
    }
    return new ParquetSchema(projected);
  }

  /** The Parquet message type written to the file footer. */
  public MessageType toMessageType() {
    Types.MessageTypeBuilder builder = Types.buildMessage();
    for (ParquetColumn column : columns) {
      Type.Repetition repetition = column.nullable() ? Type.Repetition.OPTIONAL
          : Type.Repetition.REQUIRED;
      builder.addField(Types.primitive(column.type().primitive(), repetition)
          .as(column.type().logical())
          .named(column.name()));
    }
    return builder.named(MESSAGE_NAME);
  }

  /**
   * The schema of a file's footer, for files Tiergate wrote and for flat files other writers
   * produce (Trino, Athena UNLOAD, Spark): besides the types written here, INT96 and
   * TIMESTAMP(MICROS|NANOS) read as TIMESTAMP, FLOAT as DOUBLE, un-annotated BINARY as VARCHAR.
   *
   * @param source names the file in the error for a column this model cannot represent
   */
  public static ParquetSchema fromMessageType(MessageType message, String source) {
    List<ParquetColumn> columns = new ArrayList<>(message.getFieldCount());
    for (Type field : message.getFields()) {
      if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
        throw new ParquetFileException(source, "column '" + field.getName()
            + "' is nested or repeated (" + field + "); only flat columns are supported");
      }
      columns.add(new ParquetColumn(field.getName(), typeOf(field.asPrimitiveType(), source),
          !field.isRepetition(Type.Repetition.REQUIRED)));
    }
    return new ParquetSchema(columns);
  }

  static ParquetType typeOf(PrimitiveType type, String source) {
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    ParquetType result = switch (type.getPrimitiveTypeName()) {
      case BINARY -> logical == null
          || logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
          || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
          || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation
          ? ParquetType.VARCHAR : null;
      case INT64 -> {
        if (logical == null) {
          yield ParquetType.BIGINT;
        } else if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
          yield ParquetType.TIMESTAMP;
        } else if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i
            && i.isSigned()) {
          yield ParquetType.BIGINT;
        }
        yield null;
      }
      case INT32 -> {
        if (logical == null) {
          yield ParquetType.INTEGER;
        } else if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
          yield ParquetType.DATE;
        } else if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i
            && i.isSigned()) {
          yield ParquetType.INTEGER;
        }
        yield null;
      }
      case INT96 -> ParquetType.TIMESTAMP;
      case DOUBLE, FLOAT -> ParquetType.DOUBLE;
      case BOOLEAN -> ParquetType.BOOLEAN;
      case FIXED_LEN_BYTE_ARRAY -> null;
    };
    if (result == null) {
      throw new ParquetFileException(source, "column '" + type.getName() + "' has type " + type
          + ", which Tiergate does not read (supported: VARCHAR, BIGINT, INTEGER, DOUBLE, BOOLEAN,"
          + " TIMESTAMP, DATE)");
    }
    return result;
  }
}
