package io.tiergate.adapter.s3;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;

/**
 * What a Parquet footer says about a file: rows, row groups, the codecs of its column chunks and
 * their sizes (compressed = on disk, uncompressed), the writer, the schema. Cheap to get (the
 * footer only); e.g. a VERIFY step can compare row counts without reading rows.
 */
public record ParquetFileInfo(String source, long rowCount, int rowGroups,
    Set<CompressionCodecName> codecs, long compressedBytes, long uncompressedBytes,
    String createdBy, Map<String, String> keyValueMetadata, MessageType messageType) {
  public ParquetFileInfo {
    codecs = codecs.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(codecs));
    keyValueMetadata = Map.copyOf(keyValueMetadata);
  }

  /** The file's columns in this package's model (fails for columns it cannot represent). */
  public ParquetSchema schema() {
    return ParquetSchema.fromMessageType(messageType, source);
  }

  static ParquetFileInfo of(String source, ParquetMetadata footer) {
    List<BlockMetaData> blocks = footer.getBlocks();
    Set<CompressionCodecName> codecs = EnumSet.noneOf(CompressionCodecName.class);
    long rows = 0;
    long compressed = 0;
    long uncompressed = 0;
    for (BlockMetaData block : blocks) {
      rows += block.getRowCount();
      for (ColumnChunkMetaData chunk : block.getColumns()) {
        codecs.add(chunk.getCodec());
        compressed += chunk.getTotalSize();
        uncompressed += chunk.getTotalUncompressedSize();
      }
    }
    return new ParquetFileInfo(source, rows, blocks.size(), codecs, compressed, uncompressed,
        footer.getFileMetaData().getCreatedBy(), footer.getFileMetaData().getKeyValueMetaData(),
        footer.getFileMetaData().getSchema());
  }
}
