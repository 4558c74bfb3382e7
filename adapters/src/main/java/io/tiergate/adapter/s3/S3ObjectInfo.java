package io.tiergate.adapter.s3;

import java.time.Instant;

/**
 * An object's metadata from HeadObject or a listing.
 *
 * @param lastModified null if the source did not say
 * @param restore the raw {@code x-amz-restore} header (HeadObject only), e.g.
 *     {@code ongoing-request="false", expiry-date="..."}; null when no restore was requested
 */
public record S3ObjectInfo(String bucket, String key, long size, S3StorageClass storageClass,
    Instant lastModified, String eTag, String restore) {
  public String uri() {
    return S3Location.uri(bucket, key);
  }

  /** A restore has finished and the temporary copy is readable. */
  public boolean restored() {
    return restore != null && restore.contains("ongoing-request=\"false\"");
  }

  /** Whether a GET can succeed now: not archived, or archived and restored. */
  public boolean readable() {
    return !storageClass.requiresRestore() || restored();
  }
}
