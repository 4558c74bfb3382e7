package io.tiergate.adapter.s3;

import java.util.Objects;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * How a Parquet file is written. The defaults: ZSTD level 3 (zstd-jni, which parquet-hadoop
 * brings), 128 MB row groups, 1 MB pages, dictionary encoding on.
 *
 * @param codec UNCOMPRESSED, SNAPPY, GZIP or ZSTD (the others need Hadoop's native codecs)
 * @param zstdLevel 1-22, used with ZSTD only
 */
public record ParquetWriteOptions(CompressionCodecName codec, int zstdLevel, long rowGroupBytes,
    int pageBytes, boolean dictionary) {
  public static final ParquetWriteOptions DEFAULTS = new ParquetWriteOptions(
      CompressionCodecName.ZSTD, 3, 128L << 20, 1 << 20, true);

  public ParquetWriteOptions {
    Objects.requireNonNull(codec, "codec");
    if (zstdLevel < 1 || zstdLevel > 22) {
      throw new IllegalArgumentException("ZSTD level must be 1..22: " + zstdLevel);
    }
    if (rowGroupBytes < 1024 || pageBytes < 64) {
      throw new IllegalArgumentException("Row group / page size too small: " + rowGroupBytes
          + " / " + pageBytes);
    }
  }

  public ParquetWriteOptions withCodec(CompressionCodecName newCodec) {
    return new ParquetWriteOptions(newCodec, zstdLevel, rowGroupBytes, pageBytes, dictionary);
  }

  public ParquetWriteOptions withZstdLevel(int level) {
    return new ParquetWriteOptions(codec, level, rowGroupBytes, pageBytes, dictionary);
  }

  public ParquetWriteOptions withRowGroupBytes(long bytes) {
    return new ParquetWriteOptions(codec, zstdLevel, bytes, pageBytes, dictionary);
  }

  public ParquetWriteOptions withPageBytes(int bytes) {
    return new ParquetWriteOptions(codec, zstdLevel, rowGroupBytes, bytes, dictionary);
  }

  public ParquetWriteOptions withDictionary(boolean enabled) {
    return new ParquetWriteOptions(codec, zstdLevel, rowGroupBytes, pageBytes, enabled);
  }
}
