package io.tiergate.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiergate.planner.catalog.ColumnSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.PrimitiveType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet writing and reading with parquet-java and no Hadoop file system. */
class ParquetRowsTest {
  private static final ParquetSchema ALL_TYPES = ParquetSchema.of(
      ParquetColumn.required("id", ParquetType.BIGINT),
      ParquetColumn.of("s", ParquetType.VARCHAR),
      ParquetColumn.of("l", ParquetType.BIGINT),
      ParquetColumn.of("i", ParquetType.INTEGER),
      ParquetColumn.of("d", ParquetType.DOUBLE),
      ParquetColumn.of("b", ParquetType.BOOLEAN),
      ParquetColumn.of("ts", ParquetType.TIMESTAMP),
      ParquetColumn.of("day", ParquetType.DATE));

  @TempDir Path tmp;

  @Test void allTypesRoundTripWithNullsAndEdgeValues() {
    long ts = LocalDateTime.of(2024, 2, 29, 23, 59, 59, 999_000_000)
        .toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
    List<Object[]> rows = List.of(
        new Object[] {1L, "plain", 42L, 7, 1.5, true, ts, 19_782},
        new Object[] {2L, null, null, null, null, null, null, null},
        new Object[] {3L, "", Long.MIN_VALUE, Integer.MIN_VALUE, -0.0, false, -1L, -1},
        new Object[] {4L, "Grüße, 日本語, emoji \uD83C\uDF89", Long.MAX_VALUE, Integer.MAX_VALUE,
            Double.NaN, null, 0L, 0},
        new Object[] {5L, "x".repeat(10_000), 0L, 0, Double.POSITIVE_INFINITY, true,
            -62_135_596_800_000L /* 0001-01-01 */, -719_162},
        new Object[] {6L, null, 5L, null, Double.MIN_VALUE, null, 253_402_300_799_999L, null});

    byte[] file = ParquetRowWriter.toBytes(ALL_TYPES, rows);
    List<Object[]> back = ParquetRowReader.readAll(new ByteArrayInputFile("mem", file), "mem");

    assertThat(back).hasSize(rows.size());
    for (int r = 0; r < rows.size(); r++) {
      assertThat(back.get(r)).as("row %d", r).containsExactly(rows.get(r));
    }
    // Types come back exactly as documented.
    assertThat(back.get(0)).extracting(v -> v.getClass().getSimpleName()).containsExactly(
        "Long", "String", "Long", "Integer", "Double", "Boolean", "Long", "Integer");
  }

  @Test void writerAcceptsJavaTimeAndNarrowNumbersAndNormalises() {
    ParquetSchema schema = ParquetSchema.of(ParquetColumn.of("ts", ParquetType.TIMESTAMP),
        ParquetColumn.of("ts2", ParquetType.TIMESTAMP), ParquetColumn.of("day", ParquetType.DATE),
        ParquetColumn.of("big", ParquetType.BIGINT), ParquetColumn.of("d", ParquetType.DOUBLE),
        ParquetColumn.of("text", ParquetType.VARCHAR));
    Object[] row = {LocalDateTime.of(2023, 1, 2, 3, 4, 5, 6_000_000),
        Instant.parse("2023-01-02T03:04:05.006Z"), LocalDate.of(2023, 1, 2), 7, 0.5f,
        new StringBuilder("sb")};

    List<Object[]> back = ParquetRowReader.readAll(new ByteArrayInputFile("mem",
        ParquetRowWriter.toBytes(schema, List.<Object[]>of(row))), "mem");

    long millis = Instant.parse("2023-01-02T03:04:05.006Z").toEpochMilli();
    assertThat(back.get(0)).containsExactly(millis, millis,
        (int) LocalDate.of(2023, 1, 2).toEpochDay(), 7L, 0.5, "sb");
  }

  @Test void hundredThousandRowsThroughALocalFile() {
    Path path = tmp.resolve("events.parquet");
    long written = ParquetRowWriter.toFile(path, Rows.EVENTS, Rows.events(100_000),
        ParquetWriteOptions.DEFAULTS);

    assertThat(written).isEqualTo(100_000);
    long n = 0;
    try (ParquetRowReader reader = ParquetRowReader.open(path)) {
      assertThat(reader.schema()).isEqualTo(Rows.EVENTS);
      assertThat(reader.info().rowCount()).isEqualTo(100_000);
      while (reader.hasNext()) {
        Object[] row = reader.next();
        if (!Arrays.equals(row, Rows.event(n))) {
          assertThat(row).as("row %d", n).containsExactly(Rows.event(n));
        }
        n++;
      }
    }
    assertThat(n).isEqualTo(100_000);
  }

  @Test void zstdIsTheCodecInTheFooterAndActuallyCompresses() {
    byte[] file = ParquetRowWriter.toBytes(Rows.EVENTS, Rows.events(50_000));

    ParquetFileInfo info = ParquetRowReader.info(new ByteArrayInputFile("mem", file), "mem");

    assertThat(info.codecs()).containsExactly(CompressionCodecName.ZSTD);
    assertThat(info.rowCount()).isEqualTo(50_000);
    assertThat(info.compressedBytes()).isLessThan(info.uncompressedBytes() / 2);
    assertThat(info.createdBy()).startsWith("parquet-mr");
    assertThat(info.keyValueMetadata()).containsEntry("writer.model.name", "tiergate");
    // The footer's schema is the one Trino's Hive connector reads as timestamp(3) / date.
    assertThat(info.messageType().getType("event_time").asPrimitiveType()
        .getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.timestampType(false,
        LogicalTypeAnnotation.TimeUnit.MILLIS));
    assertThat(info.messageType().getType("event_day").getLogicalTypeAnnotation())
        .isEqualTo(LogicalTypeAnnotation.dateType());

    byte[] plain = ParquetRowWriter.toBytes(Rows.EVENTS, Rows.events(50_000),
        ParquetWriteOptions.DEFAULTS.withCodec(CompressionCodecName.UNCOMPRESSED));
    assertThat(ParquetRowReader.info(new ByteArrayInputFile("plain", plain), "plain").codecs())
        .containsExactly(CompressionCodecName.UNCOMPRESSED);
    assertThat(file.length).isLessThan(plain.length);
  }

  @Test void otherCodecsWork() {
    for (CompressionCodecName codec : List.of(CompressionCodecName.SNAPPY,
        CompressionCodecName.GZIP, CompressionCodecName.UNCOMPRESSED)) {
      byte[] file = ParquetRowWriter.toBytes(Rows.EVENTS, Rows.events(1_000),
          ParquetWriteOptions.DEFAULTS.withCodec(codec));
      List<Object[]> back = ParquetRowReader.readAll(new ByteArrayInputFile("f", file), "f");
      assertThat(back).as(codec.name()).hasSize(1_000);
      assertThat(back.get(999)).containsExactly(Rows.event(999));
    }
  }

  @Test void manyRowGroupsAndProjectionInAnyOrder() {
    byte[] file = ParquetRowWriter.toBytes(Rows.EVENTS, Rows.events(30_000),
        ParquetWriteOptions.DEFAULTS.withRowGroupBytes(64 * 1024).withPageBytes(8 * 1024));

    try (ParquetRowReader reader = ParquetRowReader.open(new ByteArrayInputFile("mem", file),
        "mem", List.of("event_time", "tenant_id", "amount"))) {
      assertThat(reader.info().rowGroups()).isGreaterThan(2);
      assertThat(reader.schema().names()).containsExactly("event_time", "tenant_id", "amount");
      long n = 0;
      while (reader.hasNext()) {
        Object[] expected = Rows.event(n);
        assertThat(reader.next()).containsExactly(expected[2], expected[0], expected[4]);
        n++;
      }
      assertThat(n).isEqualTo(30_000);
    }
  }

  @Test void projectionOfAMissingColumnNamesFileAndColumns() {
    byte[] file = ParquetRowWriter.toBytes(Rows.EVENTS, Rows.events(10));
    assertThatThrownBy(() -> ParquetRowReader.open(new ByteArrayInputFile("s3://b/k.parquet",
        file), "s3://b/k.parquet", List.of("nope")))
        .isInstanceOf(ParquetFileException.class)
        .hasMessageStartingWith("s3://b/k.parquet: has no column 'nope'")
        .hasMessageContaining("tenant_id");
  }

  @Test void malformedFilesFailNamingTheFile(@TempDir Path dir) throws Exception {
    byte[] good = ParquetRowWriter.toBytes(Rows.EVENTS, Rows.events(20_000));
    String name = "s3://tiergate-cold/events/dt=2024-01-01/part-00000.parquet";

    // Not Parquet at all.
    assertThatThrownBy(() -> ParquetRowReader.readAll(new ByteArrayInputFile(name,
        "this is not parquet, just text".getBytes()), name))
        .isInstanceOf(ParquetFileException.class)
        .hasMessageStartingWith(name + ": not a readable Parquet file")
        .satisfies(e -> assertThat(((ParquetFileException) e).source()).isEqualTo(name));
    // Empty.
    assertThatThrownBy(() -> ParquetRowReader.readAll(new ByteArrayInputFile(name, new byte[0]),
        name)).isInstanceOf(ParquetFileException.class).hasMessageStartingWith(name + ": ");
    // Truncated (footer cut off).
    byte[] truncated = Arrays.copyOf(good, good.length - 100);
    assertThatThrownBy(() -> ParquetRowReader.readAll(new ByteArrayInputFile(name, truncated),
        name)).isInstanceOf(ParquetFileException.class).hasMessageStartingWith(name + ": ");
    // Footer intact, data pages overwritten: fails while reading rows (page CRC / decoding).
    byte[] corrupt = good.clone();
    Arrays.fill(corrupt, 4 + 10, 4 + 2_000, (byte) 0x5a);
    assertThatThrownBy(() -> ParquetRowReader.readAll(new ByteArrayInputFile(name, corrupt),
        name)).isInstanceOf(ParquetFileException.class).hasMessageStartingWith(name + ": ");
    // A local file is named by its path.
    Path local = dir.resolve("bad.parquet");
    Files.write(local, "PAR1 but nothing else".getBytes());
    assertThatThrownBy(() -> ParquetRowReader.open(local))
        .isInstanceOf(ParquetFileException.class)
        .hasMessageStartingWith(local + ": not a readable Parquet file");
  }

  @Test void badValuesAreRejectedBeforeAnythingIsWrittenAndTheWriterGoesOn() {
    ByteArrayOutputFile out = new ByteArrayOutputFile("s3://b/x.parquet");
    try (ParquetRowWriter writer = ParquetRowWriter.open(out, ALL_TYPES)) {
      writer.write(new Object[] {1L, "a", 1L, 1, 1.0, true, 1L, 1});
      assertThatThrownBy(() -> writer.write(new Object[] {2L, "b", "not a long", 1, 1.0, true,
          1L, 1}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("s3://b/x.parquet")
          .hasMessageContaining("column 'l' (BIGINT)")
          .hasMessageContaining("java.lang.String");
      assertThatThrownBy(() -> writer.write(new Object[] {null, "b", 1L, 1, 1.0, true, 1L, 1}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("column 'id' is NOT NULL");
      assertThatThrownBy(() -> writer.write(new Object[] {3L, "c", 1L, 1, 1.0, true,
          new java.sql.Timestamp(0), 1}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("column 'ts' (TIMESTAMP)");
      assertThatThrownBy(() -> writer.write(new Object[] {3L}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("has 1 values, the schema 8 columns");
      writer.write(new Object[] {4L, null, null, null, null, null, null, null});
      assertThat(writer.rowCount()).isEqualTo(2);
    }
    List<Object[]> back = ParquetRowReader.readAll(new ByteArrayInputFile("x",
        out.toByteArray()), "x");
    assertThat(back).extracting(r -> r[0]).containsExactly(1L, 4L);
  }

  @Test void readsFlatFilesOtherWritersProduce() throws Exception {
    // As Hive/Spark/Impala write them: INT96 and TIMESTAMP(MICROS, UTC) timestamps, FLOAT,
    // INT32 with an INT(16) annotation, strings as BINARY without annotation.
    MessageType type = MessageTypeParser.parseMessageType("""
        message spark_schema {
          optional int96 legacy_ts;
          optional int64 micros_ts (TIMESTAMP(MICROS,true));
          optional int64 nanos_ts (TIMESTAMP(NANOS,false));
          optional float f;
          optional int32 small (INTEGER(16,true));
          optional binary raw_text;
          required int64 plain_long (INTEGER(64,true));
        }""");
    Path path = tmp.resolve("foreign.parquet");
    long millis = Instant.parse("2021-06-15T12:34:56.789Z").toEpochMilli();
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(path))
        .withConf(new PlainParquetConfiguration()).withType(type).build()) {
      SimpleGroupFactory groups = new SimpleGroupFactory(type);
      long day = Math.floorDiv(millis, 86_400_000L);
      long nanosOfDay = Math.floorMod(millis, 86_400_000L) * 1_000_000L + 123_456L;
      byte[] int96 = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN)
          .putLong(nanosOfDay).putInt((int) (day + 2_440_588L)).array();
      writer.write(groups.newGroup()
          .append("legacy_ts", Binary.fromConstantByteArray(int96))
          .append("micros_ts", millis * 1_000 + 999)
          .append("nanos_ts", millis * 1_000_000 + 999_999)
          .append("f", 2.5f)
          .append("small", 12)
          .append("raw_text", "legacy")
          .append("plain_long", 9L));
      writer.write(groups.newGroup().append("plain_long", 10L));
    }

    try (ParquetRowReader reader = ParquetRowReader.open(path)) {
      assertThat(reader.schema()).isEqualTo(ParquetSchema.of(
          ParquetColumn.of("legacy_ts", ParquetType.TIMESTAMP),
          ParquetColumn.of("micros_ts", ParquetType.TIMESTAMP),
          ParquetColumn.of("nanos_ts", ParquetType.TIMESTAMP),
          ParquetColumn.of("f", ParquetType.DOUBLE),
          ParquetColumn.of("small", ParquetType.INTEGER),
          ParquetColumn.of("raw_text", ParquetType.VARCHAR),
          ParquetColumn.required("plain_long", ParquetType.BIGINT)));
      List<Object[]> rows = new ArrayList<>();
      reader.forEachRemaining(rows::add);
      assertThat(rows.get(0)).containsExactly(millis, millis, millis, 2.5, 12, "legacy", 9L);
      assertThat(rows.get(1)).containsExactly(null, null, null, null, null, null, 10L);
    }
  }

  @Test void nestedOrUnsupportedColumnsFailNamingFileAndColumn() throws Exception {
    MessageType type = MessageTypeParser.parseMessageType("""
        message m {
          required int64 id;
          optional group address { optional binary city (STRING); }
        }""");
    Path path = tmp.resolve("nested.parquet");
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(path))
        .withConf(new PlainParquetConfiguration()).withType(type).build()) {
      writer.write(new SimpleGroupFactory(type).newGroup().append("id", 1L));
    }
    assertThatThrownBy(() -> ParquetRowReader.open(path))
        .isInstanceOf(ParquetFileException.class)
        .hasMessageStartingWith(path + ": column 'address' is nested");
    // Projection past the nested column works.
    try (ParquetRowReader reader = ParquetRowReader.open(new LocalInputFile(path),
        path.toString(), List.of("id"))) {
      assertThat(reader.next()).containsExactly(1L);
    }
    assertThatThrownBy(() -> ParquetSchema.typeOf(new PrimitiveType(
        org.apache.parquet.schema.Type.Repetition.OPTIONAL,
        PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, 16, "uuid"), "f.parquet"))
        .isInstanceOf(ParquetFileException.class)
        .hasMessageStartingWith("f.parquet: column 'uuid'");
  }

  @Test void schemaFromCatalogColumns() {
    ParquetSchema schema = ParquetSchema.fromColumnSpecs(List.of(
        new ColumnSpec("tenant_id", SqlTypeName.VARCHAR),
        new ColumnSpec("event_time", SqlTypeName.TIMESTAMP),
        new ColumnSpec("amount", SqlTypeName.DOUBLE),
        new ColumnSpec("day", SqlTypeName.DATE)));
    assertThat(schema.columns()).containsExactly(
        ParquetColumn.of("tenant_id", ParquetType.VARCHAR),
        ParquetColumn.of("event_time", ParquetType.TIMESTAMP),
        ParquetColumn.of("amount", ParquetType.DOUBLE),
        ParquetColumn.of("day", ParquetType.DATE));
    assertThat(schema.toMessageType().toString()).contains(
        "optional int64 event_time (TIMESTAMP(MILLIS,false))",
        "optional binary tenant_id (STRING)", "optional int32 day (DATE)");
    assertThatThrownBy(() -> ParquetSchema.of(ParquetColumn.of("a", ParquetType.BIGINT),
        ParquetColumn.of("a", ParquetType.VARCHAR)))
        .hasMessageContaining("Duplicate Parquet column 'a'");
  }
}
