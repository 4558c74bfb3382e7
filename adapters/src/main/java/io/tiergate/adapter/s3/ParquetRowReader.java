package io.tiergate.adapter.s3;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Streams the rows of one Parquet file as {@code Object[]} (values as in {@link ParquetType}),
 * one row group in memory at a time, optionally only some columns. Built on
 * {@link ParquetFileReader} and parquet-column's record assembly directly (no
 * {@code ParquetReader}, no Hadoop file system). Every failure - not Parquet, truncated, corrupt
 * page, unsupported column - is a {@link ParquetFileException} whose message starts with the
 * file's name. Not thread-safe.
 */
public final class ParquetRowReader implements java.util.Iterator<Object[]>, Closeable {
  private final String name;
  private final ParquetFileReader reader;
  private final ParquetFileInfo info;
  private final ParquetSchema schema;
  private final MessageColumnIO columnIo;
  private final RowMaterializer materializer;
  private RecordReader<Object[]> records;
  private long leftInGroup;
  private int rowGroup = -1;
  private long rowsRead;
  private Object[] next;

  private ParquetRowReader(String name, ParquetFileReader reader, ParquetFileInfo info,
      ParquetSchema schema, MessageType requested) {
    this.name = name;
    this.reader = reader;
    this.info = info;
    this.schema = schema;
    this.columnIo = new ColumnIOFactory(info.createdBy()).getColumnIO(requested,
        info.messageType());
    this.materializer = new RowMaterializer(requested, name);
  }

  /** All columns; the name in errors is the file's {@code toString()}. */
  public static ParquetRowReader open(InputFile file) {
    return open(file, file.toString(), null);
  }

  public static ParquetRowReader open(Path path) {
    return open(new LocalInputFile(path), path.toString(), null);
  }

  /**
   * @param name what errors call the file, e.g. {@code s3://bucket/key}
   * @param columns the columns to read, in the order rows should hold them; null for all
   */
  public static ParquetRowReader open(InputFile file, String name, List<String> columns) {
    ParquetFileReader reader;
    try {
      reader = ParquetFileReader.open(file, readOptions());
    } catch (IOException | RuntimeException e) {
      throw new ParquetFileException(name, "not a readable Parquet file", e);
    }
    try {
      ParquetFileInfo info = ParquetFileInfo.of(name, reader.getFooter());
      MessageType fileType = info.messageType();
      MessageType requested = columns == null ? fileType : project(fileType, columns, name);
      // Only the requested columns must fit the model: others may be nested, say.
      ParquetSchema schema = ParquetSchema.fromMessageType(requested, name);
      reader.setRequestedSchema(requested);
      return new ParquetRowReader(name, reader, info, schema, requested);
    } catch (RuntimeException e) {
      closeQuietly(reader, e);
      throw e instanceof ParquetFileException pfe ? pfe
          : new ParquetFileException(name, "cannot read the footer", e);
    }
  }

  /** Reads only the footer. */
  public static ParquetFileInfo info(InputFile file, String name) {
    try (ParquetFileReader reader = ParquetFileReader.open(file, readOptions())) {
      return ParquetFileInfo.of(name, reader.getFooter());
    } catch (IOException | RuntimeException e) {
      throw new ParquetFileException(name, "not a readable Parquet file", e);
    }
  }

  /** Reads every row of a file into memory. */
  public static List<Object[]> readAll(InputFile file, String name) {
    try (ParquetRowReader reader = open(file, name, null)) {
      List<Object[]> rows = new ArrayList<>((int) Math.min(reader.info.rowCount(), 1 << 20));
      reader.forEachRemaining(rows::add);
      return rows;
    }
  }

  private static ParquetReadOptions readOptions() {
    // Page CRCs (written by default) are verified, so corrupt pages fail instead of decoding
    // into wrong values.
    return ParquetReadOptions.builder(new PlainParquetConfiguration())
        .usePageChecksumVerification(true)
        .build();
  }

  private static MessageType project(MessageType fileType, List<String> columns, String name) {
    List<Type> fields = new ArrayList<>(columns.size());
    for (String column : columns) {
      if (!fileType.containsField(column)) {
        throw new ParquetFileException(name, "has no column '" + column + "'; its columns: "
            + fileType.getFields().stream().map(Type::getName).toList());
      }
      fields.add(fileType.getType(column));
    }
    return new MessageType(fileType.getName(), fields);
  }

  /** The columns of the rows returned. */
  public ParquetSchema schema() {
    return schema;
  }

  /** The footer: total rows, codecs, writer. */
  public ParquetFileInfo info() {
    return info;
  }

  public String name() {
    return name;
  }

  @Override public boolean hasNext() {
    if (next != null) {
      return true;
    }
    try {
      while (leftInGroup == 0) {
        PageReadStore pages = reader.readNextRowGroup();
        if (pages == null) {
          return false;
        }
        rowGroup++;
        leftInGroup = pages.getRowCount();
        records = columnIo.getRecordReader(pages, materializer);
      }
      next = records.read();
      leftInGroup--;
      rowsRead++;
      if (next == null) {
        throw new IllegalStateException("record reader returned no row");
      }
      return true;
    } catch (ParquetFileException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new ParquetFileException(name, "corrupt data in row group " + rowGroup + " near row "
          + rowsRead, e);
    }
  }

  @Override public Object[] next() {
    if (!hasNext()) {
      throw new NoSuchElementException(name + ": no more rows");
    }
    Object[] row = next;
    next = null;
    return row;
  }

  @Override public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new ParquetFileException(name, "cannot close", e);
    }
  }

  private static void closeQuietly(ParquetFileReader reader, Exception failure) {
    try {
      reader.close();
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** Assembles each record into a fresh {@code Object[]}. */
  private static final class RowMaterializer extends RecordMaterializer<Object[]> {
    private final RowConverter root;

    RowMaterializer(MessageType requested, String name) {
      this.root = new RowConverter(requested, name);
    }

    @Override public Object[] getCurrentRecord() {
      return root.row;
    }

    @Override public GroupConverter getRootConverter() {
      return root;
    }
  }

  private static final class RowConverter extends GroupConverter {
    private final Converter[] converters;
    Object[] row;

    RowConverter(MessageType requested, String name) {
      List<Type> fields = requested.getFields();
      converters = new Converter[fields.size()];
      for (int i = 0; i < converters.length; i++) {
        converters[i] = converterFor(fields.get(i).asPrimitiveType(), i, name);
      }
    }

    @Override public Converter getConverter(int fieldIndex) {
      return converters[fieldIndex];
    }

    @Override public void start() {
      row = new Object[converters.length];
    }

    @Override public void end() {
    }

    private PrimitiveConverter converterFor(PrimitiveType type, int index, String name) {
      ParquetType target = ParquetSchema.typeOf(type, name);
      return switch (type.getPrimitiveTypeName()) {
        case BINARY -> new StringConverter(this, index);
        case INT64 -> target == ParquetType.TIMESTAMP
            ? new TimestampConverter(this, index, millisDivisor(type)) : new Int64Converter(this,
            index);
        case INT32 -> new Int32Converter(this, index);
        case INT96 -> new Int96Converter(this, index);
        case DOUBLE, FLOAT -> new DoubleConverter(this, index);
        case BOOLEAN -> new BooleanConverter(this, index);
        case FIXED_LEN_BYTE_ARRAY -> throw new AssertionError(type);
      };
    }

    private static long millisDivisor(PrimitiveType type) {
      var timestamp = (LogicalTypeAnnotation.TimestampLogicalTypeAnnotation)
          type.getLogicalTypeAnnotation();
      return switch (timestamp.getUnit()) {
        case MILLIS -> 1;
        case MICROS -> 1_000;
        case NANOS -> 1_000_000;
      };
    }
  }

  private abstract static class ValueConverter extends PrimitiveConverter {
    final RowConverter parent;
    final int index;

    ValueConverter(RowConverter parent, int index) {
      this.parent = parent;
      this.index = index;
    }
  }

  /** UTF-8 text; dictionary pages are decoded once per row group, not once per value. */
  private static final class StringConverter extends ValueConverter {
    private String[] dictionary;

    StringConverter(RowConverter parent, int index) {
      super(parent, index);
    }

    @Override public boolean hasDictionarySupport() {
      return true;
    }

    @Override public void setDictionary(Dictionary dict) {
      dictionary = new String[dict.getMaxId() + 1];
      for (int id = 0; id < dictionary.length; id++) {
        dictionary[id] = dict.decodeToBinary(id).toStringUsingUTF8();
      }
    }

    @Override public void addValueFromDictionary(int dictionaryId) {
      parent.row[index] = dictionary[dictionaryId];
    }

    @Override public void addBinary(Binary value) {
      parent.row[index] = value.toStringUsingUTF8();
    }
  }

  private static final class Int64Converter extends ValueConverter {
    Int64Converter(RowConverter parent, int index) {
      super(parent, index);
    }

    @Override public void addLong(long value) {
      parent.row[index] = value;
    }
  }

  private static final class TimestampConverter extends ValueConverter {
    private final long divisor;

    TimestampConverter(RowConverter parent, int index, long divisor) {
      super(parent, index);
      this.divisor = divisor;
    }

    @Override public void addLong(long value) {
      parent.row[index] = divisor == 1 ? value : Math.floorDiv(value, divisor);
    }
  }

  /** Legacy Hive/Impala timestamps: nanos of day (8 bytes LE) and Julian day (4 bytes LE). */
  private static final class Int96Converter extends ValueConverter {
    private static final long JULIAN_EPOCH_DAY = 2_440_588L;

    Int96Converter(RowConverter parent, int index) {
      super(parent, index);
    }

    @Override public void addBinary(Binary value) {
      ByteBuffer buffer = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      long nanosOfDay = buffer.getLong();
      long julianDay = buffer.getInt() & 0xffffffffL;
      parent.row[index] = (julianDay - JULIAN_EPOCH_DAY) * 86_400_000L
          + Math.floorDiv(nanosOfDay, 1_000_000L);
    }
  }

  private static final class Int32Converter extends ValueConverter {
    Int32Converter(RowConverter parent, int index) {
      super(parent, index);
    }

    @Override public void addInt(int value) {
      parent.row[index] = value;
    }
  }

  private static final class DoubleConverter extends ValueConverter {
    DoubleConverter(RowConverter parent, int index) {
      super(parent, index);
    }

    @Override public void addDouble(double value) {
      parent.row[index] = value;
    }

    @Override public void addFloat(float value) {
      parent.row[index] = (double) value;
    }
  }

  private static final class BooleanConverter extends ValueConverter {
    BooleanConverter(RowConverter parent, int index) {
      super(parent, index);
    }

    @Override public void addBoolean(boolean value) {
      parent.row[index] = value;
    }
  }
}
