/**
 * S3 and Parquet I/O for the warm and cold tiers.
 *
 * <h2>Parquet</h2>
 * {@link io.tiergate.adapter.s3.ParquetRowWriter} and
 * {@link io.tiergate.adapter.s3.ParquetRowReader}
 * write and stream flat {@code Object[]} rows with parquet-java ({@code parquet-hadoop}) over
 * {@code OutputFile}/{@code InputFile}s (local files, byte arrays, S3 ranged GETs) and a
 * {@code PlainParquetConfiguration}: no Hadoop file system, no Hadoop configuration files.
 * parquet-hadoop still links against a few Hadoop classes, so {@code hadoop-common} (codec
 * factory, {@code Configuration}) and {@code hadoop-mapreduce-client-core} ({@code
 * ParquetReadOptions} reads constants of {@code ParquetInputFormat}) are on the classpath with
 * every transitive dependency cut, plus what those classes really load: hadoop-shaded-guava,
 * woodstox-core, stax2-api, commons-collections 3. Row values and their Parquet types are listed
 * in {@link io.tiergate.adapter.s3.ParquetType} (TIMESTAMP = epoch millis of UTC wall-clock time
 * as INT64 TIMESTAMP(MILLIS, not adjusted to UTC); DATE = epoch days). Files are ZSTD-compressed
 * by default (zstd-jni, which extracts its native library to {@code java.io.tmpdir} on first
 * use). Any unreadable file fails with a {@link io.tiergate.adapter.s3.ParquetFileException}
 * whose message starts with the file's name.
 *
 * <h2>S3</h2>
 * {@link io.tiergate.adapter.s3.S3ClientFactory} builds the SDK v2 client (Apache HTTP client;
 * path-style + static keys locally, default chain in production);
 * {@link io.tiergate.adapter.s3.S3ObjectStore} puts with a
 * {@link io.tiergate.adapter.s3.S3StorageClass}, gets, heads, lists (all pages) and deletes in
 * batches of up to 1000. Tables are laid out by
 * {@link io.tiergate.adapter.s3.DayPartitionLayout}:
 * {@code <prefix>/<table>/dt=YYYY-MM-DD/part-NNNNN.parquet}, the Hive layout Trino and Athena
 * read as a table partitioned by {@code dt}.
 *
 * <p>Local stand-in (S3Proxy 4.1) caveats: it keeps the storage class given at PutObject, but
 * returns data for GLACIER / DEEP_ARCHIVE objects (real S3 answers InvalidObjectState until a
 * restore), does not implement RestoreObject, and CopyObject to another class comes back
 * STANDARD. Restore and class-change logic must not rely on it.
 */
package io.tiergate.adapter.s3;
