package io.tiergate.adapter.s3;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.codec.ZstandardCodec;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * Writes {@code Object[]} rows (values as in {@link ParquetType}) to one Parquet file, through
 * parquet-java's {@link ParquetWriter} with a {@link PlainParquetConfiguration}: no Hadoop
 * file system, no Hadoop configuration files. Not thread-safe.
 *
 * <pre>{@code
 * byte[] file = ParquetRowWriter.toBytes(schema, rows);                 // then S3 PutObject
 * try (ParquetRowWriter w = ParquetRowWriter.open(new LocalOutputFile(path), schema)) {
 *   w.write(row);
 * }
 * }</pre>
 */
public final class ParquetRowWriter implements Closeable {
  /** Key-value metadata in the footer naming the writer. */
  public static final String WRITER_MODEL = "tiergate";

  private final String name;
  private final RowWriteSupport support;
  private final ParquetWriter<Object[]> writer;

  private ParquetRowWriter(String name, RowWriteSupport support, ParquetWriter<Object[]> writer) {
    this.name = name;
    this.support = support;
    this.writer = writer;
  }

  public static ParquetRowWriter open(OutputFile file, ParquetSchema schema) {
    return open(file, schema, ParquetWriteOptions.DEFAULTS);
  }

  /** Creates (or overwrites) the file. */
  public static ParquetRowWriter open(OutputFile file, ParquetSchema schema,
      ParquetWriteOptions options) {
    String name = nameOf(file);
    RowWriteSupport support = new RowWriteSupport(schema, name);
    PlainParquetConfiguration conf = new PlainParquetConfiguration();
    conf.setInt(ZstandardCodec.PARQUET_COMPRESS_ZSTD_LEVEL, options.zstdLevel());
    try {
      ParquetWriter<Object[]> writer = new Builder(file, support)
          .withConf(conf)
          .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
          .withCompressionCodec(options.codec())
          .withRowGroupSize(options.rowGroupBytes())
          .withPageSize(options.pageBytes())
          .withDictionaryEncoding(options.dictionary())
          .build();
      return new ParquetRowWriter(name, support, writer);
    } catch (IOException | RuntimeException e) {
      throw new ParquetFileException(name, "cannot open for writing", e);
    }
  }

  /** Writes all rows to a new byte array with the default options. */
  public static byte[] toBytes(ParquetSchema schema, Iterable<Object[]> rows) {
    return toBytes(schema, rows, ParquetWriteOptions.DEFAULTS);
  }

  public static byte[] toBytes(ParquetSchema schema, Iterable<Object[]> rows,
      ParquetWriteOptions options) {
    return toBytes("in-memory Parquet file", schema, rows.iterator(), options);
  }

  /** @param name what an error message calls the file, e.g. the S3 key it is meant for */
  public static byte[] toBytes(String name, ParquetSchema schema, Iterator<Object[]> rows,
      ParquetWriteOptions options) {
    ByteArrayOutputFile out = new ByteArrayOutputFile(name);
    try (ParquetRowWriter writer = open(out, schema, options)) {
      writer.writeAll(rows);
    }
    return out.toByteArray();
  }

  /** Writes all rows to a local file (created or overwritten); returns the row count. */
  public static long toFile(Path path, ParquetSchema schema, Iterable<Object[]> rows,
      ParquetWriteOptions options) {
    try (ParquetRowWriter writer = open(new LocalOutputFile(path), schema, options)) {
      writer.writeAll(rows.iterator());
      return writer.rowCount();
    }
  }

  /**
   * Writes one row. A row that does not fit the schema (wrong arity, a null in a NOT NULL column,
   * a value of the wrong Java type) is refused with an {@link IllegalArgumentException} before
   * anything is written, and the writer stays usable; parquet-java's own writer would abort for
   * good on any exception thrown inside it.
   */
  public void write(Object[] row) {
    Object[] converted = support.convert(row);
    try {
      writer.write(converted);
    } catch (IOException e) {
      throw new ParquetFileException(name, "write failed at row " + support.rows, e);
    }
  }

  public ParquetRowWriter writeAll(Iterator<Object[]> rows) {
    while (rows.hasNext()) {
      write(rows.next());
    }
    return this;
  }

  public ParquetRowWriter writeAll(Iterable<Object[]> rows) {
    return writeAll(rows.iterator());
  }

  /** Rows written so far. */
  public long rowCount() {
    return support.rows;
  }

  public ParquetSchema schema() {
    return support.schema;
  }

  /** Finishes the file (writes the footer). */
  @Override public void close() {
    try {
      writer.close();
    } catch (IOException | RuntimeException e) {
      throw new ParquetFileException(name, "cannot finish the file", e);
    }
  }

  static String nameOf(OutputFile file) {
    String path = file.getPath();
    return path != null ? path : file.toString();
  }

  private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
    private final RowWriteSupport support;

    Builder(OutputFile file, RowWriteSupport support) {
      super(file);
      this.support = support;
    }

    @Override protected Builder self() {
      return this;
    }

    @Override protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
      return support;
    }

    @Override protected WriteSupport<Object[]> getWriteSupport(ParquetConfiguration conf) {
      return support;
    }
  }

  /** Turns one row into Parquet record events; validates each value against its column. */
  private static final class RowWriteSupport extends WriteSupport<Object[]> {
    private final ParquetSchema schema;
    private final String file;
    private final ParquetColumn[] columns;
    private final Object[] scratch;
    private RecordConsumer consumer;
    private long rows;

    RowWriteSupport(ParquetSchema schema, String file) {
      this.schema = Objects.requireNonNull(schema, "schema");
      this.file = file;
      this.columns = schema.columns().toArray(new ParquetColumn[0]);
      this.scratch = new Object[columns.length];
    }

    @Override public WriteContext init(Configuration configuration) {
      return context();
    }

    @Override public WriteContext init(ParquetConfiguration configuration) {
      return context();
    }

    private WriteContext context() {
      return new WriteContext(schema.toMessageType(), Map.of());
    }

    @Override public String getName() {
      return WRITER_MODEL;
    }

    @Override public void prepareForWrite(RecordConsumer recordConsumer) {
      this.consumer = recordConsumer;
    }

    /** Validates a row and converts it into the scratch array written next. */
    Object[] convert(Object[] row) {
      if (row == null || row.length != columns.length) {
        throw new IllegalArgumentException(file + ": row " + rows + " has "
            + (row == null ? "no" : String.valueOf(row.length)) + " values, the schema "
            + columns.length + " columns " + schema.names());
      }
      for (int i = 0; i < columns.length; i++) {
        ParquetColumn column = columns[i];
        Object value = row[i];
        if (value == null) {
          if (!column.nullable()) {
            throw new IllegalArgumentException(file + ": row " + rows + ", column '"
                + column.name() + "' is NOT NULL but the value is null");
          }
          scratch[i] = null;
          continue;
        }
        try {
          scratch[i] = switch (column.type()) {
            case VARCHAR -> Binary.fromString(((CharSequence) value).toString());
            case BIGINT -> asLong(value);
            case INTEGER -> asInt(value);
            case DOUBLE -> asDouble(value);
            case BOOLEAN -> (Boolean) value;
            case TIMESTAMP -> timestampMillis(value);
            case DATE -> epochDay(value);
          };
        } catch (ClassCastException e) {
          throw badValue(column, value);
        }
      }
      return scratch;
    }

    /** Emits a row {@link #convert} produced. */
    @Override public void write(Object[] converted) {
      consumer.startMessage();
      for (int i = 0; i < columns.length; i++) {
        Object value = converted[i];
        if (value == null) {
          continue;
        }
        String name = columns[i].name();
        consumer.startField(name, i);
        switch (columns[i].type()) {
          case VARCHAR -> consumer.addBinary((Binary) value);
          case BIGINT, TIMESTAMP -> consumer.addLong((Long) value);
          case INTEGER, DATE -> consumer.addInteger((Integer) value);
          case DOUBLE -> consumer.addDouble((Double) value);
          case BOOLEAN -> consumer.addBoolean((Boolean) value);
        }
        consumer.endField(name, i);
      }
      consumer.endMessage();
      rows++;
    }

    private IllegalArgumentException badValue(ParquetColumn column, Object value) {
      return new IllegalArgumentException(file + ": row " + rows + ", column '" + column.name()
          + "' (" + column.type() + "): unexpected " + value.getClass().getName() + " value '"
          + value + "'; see ParquetType for the Java type of each column type");
    }

    private static long asLong(Object value) {
      if (value instanceof Long l) {
        return l;
      }
      if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
        return ((Number) value).longValue();
      }
      throw new ClassCastException();
    }

    private static int asInt(Object value) {
      if (value instanceof Integer i) {
        return i;
      }
      if (value instanceof Short || value instanceof Byte) {
        return ((Number) value).intValue();
      }
      throw new ClassCastException();
    }

    private static double asDouble(Object value) {
      if (value instanceof Double d) {
        return d;
      }
      if (value instanceof Float f) {
        return f;
      }
      throw new ClassCastException();
    }

    private static long timestampMillis(Object value) {
      if (value instanceof Long l) {
        return l;
      }
      if (value instanceof LocalDateTime t) {
        return t.toInstant(ZoneOffset.UTC).toEpochMilli();
      }
      if (value instanceof Instant t) {
        return t.toEpochMilli();
      }
      throw new ClassCastException();
    }

    private static int epochDay(Object value) {
      if (value instanceof Integer i) {
        return i;
      }
      if (value instanceof LocalDate d) {
        return Math.toIntExact(d.toEpochDay());
      }
      throw new ClassCastException();
    }
  }
}
