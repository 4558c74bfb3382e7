package io.tiergate.lifecycle.migrate;

import io.tiergate.adapter.s3.S3ObjectInfo;
import io.tiergate.adapter.s3.S3ObjectStore;
import io.tiergate.adapter.s3.S3StorageClass;

/**
 * How a cold object moves to a colder S3 class. On AWS the bucket's lifecycle rules do it
 * ({@link S3LifecycleRules}), days after the manifest flipped, so the job has nothing to do per
 * object. The local stack has no lifecycle engine and S3Proxy's CopyObject drops the class, so
 * there the object is rewritten with the class (GET, then PUT with x-amz-storage-class).
 */
public interface ClassChanger {
  void change(S3ObjectStore objects, S3ObjectInfo object, S3StorageClass target);

  /** Whether objects report the new class once {@link #change} returns (VERIFY checks it). */
  boolean verifies();

  /** AWS: the lifecycle rules move the objects; the job only flips the manifest first. */
  ClassChanger LIFECYCLE_RULES = new ClassChanger() {
    @Override public void change(S3ObjectStore objects, S3ObjectInfo object,
        S3StorageClass target) {
    }

    @Override public boolean verifies() {
      return false;
    }
  };

  /** The local stack: rewrite the object in the new class. */
  ClassChanger REWRITE = new ClassChanger() {
    @Override public void change(S3ObjectStore objects, S3ObjectInfo object,
        S3StorageClass target) {
      objects.put(object.bucket(), object.key(), objects.get(object.bucket(), object.key()),
          target);
    }

    @Override public boolean verifies() {
      return true;
    }
  };
}
