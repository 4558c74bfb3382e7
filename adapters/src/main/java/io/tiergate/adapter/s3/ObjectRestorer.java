package io.tiergate.adapter.s3;

/**
 * Restores archived objects (Glacier Flexible Retrieval, Deep Archive) so they can be read for a
 * number of days. Production asks S3 ({@link S3ObjectRestorer}); the local stack emulates it
 * ({@link EmulatedObjectRestorer}), because S3Proxy has no RestoreObject.
 */
public interface ObjectRestorer {
  /** Asks for a restore; asking again while one runs or after it finished is harmless. */
  void request(S3ObjectInfo object, int days, RetrievalTier tier);

  RestoreState state(S3ObjectInfo object);
}
