package io.tiergate.adapter.s3;

import io.tiergate.adapter.StoreUnavailableException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 operations Tiergate needs, over an SDK v2 {@link S3Client}: put (with a storage class),
 * get (whole or a byte range), head, list under a prefix (all pages), batched delete, and Parquet
 * objects in and out. Failures are {@link StoreUnavailableException}s whose message names the
 * operation and the {@code s3://} object. Thread-safe (as the client is); does not own the client.
 */
public final class S3ObjectStore {
  /** DeleteObjects takes at most 1000 keys per request. */
  public static final int MAX_DELETE_BATCH = 1000;
  /** ListObjectsV2 returns at most 1000 keys per page. */
  public static final int MAX_LIST_PAGE = 1000;

  private final S3Client client;
  private final int listPageSize;
  private final int deleteBatchSize;

  public S3ObjectStore(S3Client client) {
    this(client, MAX_LIST_PAGE, MAX_DELETE_BATCH);
  }

  /** Smaller pages and batches than S3's maxima, e.g. to exercise paging in tests. */
  public S3ObjectStore(S3Client client, int listPageSize, int deleteBatchSize) {
    this.client = Objects.requireNonNull(client, "client");
    if (listPageSize < 1 || listPageSize > MAX_LIST_PAGE) {
      throw new IllegalArgumentException("listPageSize must be 1.." + MAX_LIST_PAGE);
    }
    if (deleteBatchSize < 1 || deleteBatchSize > MAX_DELETE_BATCH) {
      throw new IllegalArgumentException("deleteBatchSize must be 1.." + MAX_DELETE_BATCH);
    }
    this.listPageSize = listPageSize;
    this.deleteBatchSize = deleteBatchSize;
  }

  public S3Client client() {
    return client;
  }

  /** Creates the bucket unless it exists (local stacks and tests; production buckets are IaC). */
  public void createBucketIfMissing(String bucket) {
    try {
      client.createBucket(b -> b.bucket(bucket));
    } catch (BucketAlreadyOwnedByYouException e) {
      // fine
    } catch (S3Exception e) {
      if (e.statusCode() != 409) {
        throw failure("CreateBucket", "s3://" + bucket, e);
      }
    } catch (SdkException e) {
      throw failure("CreateBucket", "s3://" + bucket, e);
    }
  }

  public void put(String bucket, String key, byte[] data, S3StorageClass storageClass) {
    put(bucket, key, RequestBody.fromBytes(data), storageClass);
  }

  public void put(String bucket, String key, Path file, S3StorageClass storageClass) {
    put(bucket, key, RequestBody.fromFile(file), storageClass);
  }

  private void put(String bucket, String key, RequestBody body, S3StorageClass storageClass) {
    PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key);
    if (storageClass != S3StorageClass.STANDARD) {
      request.storageClass(storageClass.toSdk());
    }
    try {
      client.putObject(request.build(), body);
    } catch (SdkException e) {
      throw failure("PutObject", S3Location.uri(bucket, key), e);
    }
  }

  /** The whole object. */
  public byte[] get(String bucket, String key) {
    try {
      return client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    } catch (SdkException e) {
      throw failure("GetObject", S3Location.uri(bucket, key), e);
    }
  }

  /** {@code length} bytes from {@code offset}; fewer only at the end of the object. */
  public byte[] getRange(String bucket, String key, long offset, int length) {
    if (offset < 0 || length < 1) {
      throw new IllegalArgumentException("Bad range " + offset + "+" + length);
    }
    return getRange(bucket, key, "bytes=" + offset + "-" + (offset + length - 1)).data();
  }

  /** The last {@code length} bytes (a suffix range) and the object's total size, in one GET. */
  RangeResult getTail(String bucket, String key, int length) {
    return getRange(bucket, key, "bytes=-" + length);
  }

  record RangeResult(byte[] data, long objectSize) {
  }

  private RangeResult getRange(String bucket, String key, String range) {
    GetObjectRequest request = GetObjectRequest.builder().bucket(bucket).key(key).range(range)
        .build();
    try (ResponseInputStream<GetObjectResponse> in = client.getObject(request)) {
      byte[] data = in.readAllBytes();
      return new RangeResult(data, totalSize(in.response(), data.length));
    } catch (S3Exception e) {
      if (e.statusCode() == 416) {
        return new RangeResult(new byte[0], 0); // a range of an empty object
      }
      throw failure("GetObject " + range, S3Location.uri(bucket, key), e);
    } catch (SdkException | IOException e) {
      throw failure("GetObject " + range, S3Location.uri(bucket, key), e);
    }
  }

  private static long totalSize(GetObjectResponse response, int received) {
    String contentRange = response.contentRange(); // "bytes 0-99/1234"
    if (contentRange != null) {
      int slash = contentRange.lastIndexOf('/');
      if (slash >= 0 && !contentRange.endsWith("*")) {
        return Long.parseLong(contentRange.substring(slash + 1).trim());
      }
    }
    return received; // no Content-Range: the server sent the whole object
  }

  /** The object's metadata, or empty if there is no such key. */
  public Optional<S3ObjectInfo> head(String bucket, String key) {
    try {
      HeadObjectResponse r = client.headObject(b -> b.bucket(bucket).key(key));
      return Optional.of(new S3ObjectInfo(bucket, key, r.contentLength(),
          S3StorageClass.fromAws(r.storageClassAsString()), r.lastModified(), r.eTag(),
          r.restore()));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw failure("HeadObject", S3Location.uri(bucket, key), e);
    } catch (SdkException e) {
      throw failure("HeadObject", S3Location.uri(bucket, key), e);
    }
  }

  /** Every object whose key starts with {@code prefix}, in key order, across all pages. */
  public List<S3ObjectInfo> list(String bucket, String prefix) {
    ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix)
        .maxKeys(listPageSize).build();
    List<S3ObjectInfo> objects = new ArrayList<>();
    try {
      for (S3Object o : client.listObjectsV2Paginator(request).contents()) {
        objects.add(new S3ObjectInfo(bucket, o.key(), o.size(),
            S3StorageClass.fromAws(o.storageClassAsString()), o.lastModified(), o.eTag(), null));
      }
    } catch (SdkException e) {
      throw failure("ListObjectsV2", S3Location.uri(bucket, prefix), e);
    }
    return objects;
  }

  public List<String> listKeys(String bucket, String prefix) {
    return list(bucket, prefix).stream().map(S3ObjectInfo::key).toList();
  }

  /**
   * Deletes the keys with DeleteObjects, in batches; a key that does not exist counts as deleted
   * (as S3 says). Fails naming the keys S3 refused.
   *
   * @return the number of DeleteObjects requests sent
   */
  public int delete(String bucket, Collection<String> keys) {
    int requests = 0;
    Iterator<String> it = keys.iterator();
    List<String> failed = new ArrayList<>();
    while (it.hasNext()) {
      List<ObjectIdentifier> batch = new ArrayList<>(Math.min(deleteBatchSize, keys.size()));
      while (it.hasNext() && batch.size() < deleteBatchSize) {
        batch.add(ObjectIdentifier.builder().key(it.next()).build());
      }
      DeleteObjectsResponse response;
      try {
        response = client.deleteObjects(b -> b.bucket(bucket)
            .delete(Delete.builder().objects(batch).quiet(true).build()));
      } catch (SdkException e) {
        throw failure("DeleteObjects (" + batch.size() + " keys from " + batch.get(0).key() + ")",
            "s3://" + bucket, e);
      }
      requests++;
      for (S3Error error : response.errors()) {
        failed.add(error.key() + " (" + error.code() + ": " + error.message() + ")");
      }
    }
    if (!failed.isEmpty()) {
      throw new StoreUnavailableException("S3 DeleteObjects in s3://" + bucket + " failed for "
          + failed.size() + " keys: " + (failed.size() > 10 ? failed.subList(0, 10) + " ..."
          : failed), null);
    }
    return requests;
  }

  /** Writes rows as one Parquet object (built in memory, then one PutObject). */
  public ParquetObject putParquet(String bucket, String key, ParquetSchema schema,
      Iterator<Object[]> rows, S3StorageClass storageClass, ParquetWriteOptions options) {
    String uri = S3Location.uri(bucket, key);
    ByteArrayOutputFile out = new ByteArrayOutputFile(uri);
    long count;
    try (ParquetRowWriter writer = ParquetRowWriter.open(out, schema, options)) {
      writer.writeAll(rows);
      count = writer.rowCount();
    }
    byte[] data = out.toByteArray();
    put(bucket, key, data, storageClass);
    return new ParquetObject(uri, count, data.length, storageClass);
  }

  public ParquetObject putParquet(String bucket, String key, ParquetSchema schema,
      Iterable<Object[]> rows, S3StorageClass storageClass) {
    return putParquet(bucket, key, schema, rows.iterator(), storageClass,
        ParquetWriteOptions.DEFAULTS);
  }

  /** A Parquet object written: where, how many rows, how many bytes. */
  public record ParquetObject(String uri, long rows, long bytes, S3StorageClass storageClass) {
  }

  /**
   * A Parquet {@code InputFile} over the object that reads with ranged GETs: the footer and the
   * object size come from one suffix-range GET, then each run of column chunks from one GET; a
   * small object is read whole by the first GET.
   */
  public S3InputFile inputFile(String bucket, String key) {
    return new S3InputFile(this, bucket, key);
  }

  /**
   * Streams the rows of a Parquet object (ranged GETs, one row group in memory at a time).
   *
   * @param columns the columns to read, in row order; null for all
   */
  public ParquetRowReader openParquet(String bucket, String key, List<String> columns) {
    return ParquetRowReader.open(inputFile(bucket, key), S3Location.uri(bucket, key), columns);
  }

  /** Reads a whole Parquet object into memory (one GET) and returns its rows. */
  public List<Object[]> readParquet(String bucket, String key) {
    String uri = S3Location.uri(bucket, key);
    return ParquetRowReader.readAll(new ByteArrayInputFile(uri, get(bucket, key)), uri);
  }

  static StoreUnavailableException failure(String operation, String where, Exception e) {
    String detail = e instanceof S3Exception s3 && s3.awsErrorDetails() != null
        ? s3.statusCode() + " " + s3.awsErrorDetails().errorCode() + ": "
            + s3.awsErrorDetails().errorMessage()
        : e.getMessage();
    return new StoreUnavailableException("S3 " + operation + " " + where + " failed: " + detail,
        e);
  }
}
