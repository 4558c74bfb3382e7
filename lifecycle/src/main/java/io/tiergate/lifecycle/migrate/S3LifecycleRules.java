package io.tiergate.lifecycle.migrate;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortIncompleteMultipartUpload;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleExpiration;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.Transition;
import software.amazon.awssdk.services.s3.model.TransitionStorageClass;

/**
 * The S3 lifecycle rules of a table's cold prefix, from its policy, as ADR-002 describes them.
 *
 * <p>S3 counts days from an object's creation, and a cold object is created when its day turns
 * {@code warm} old; so the rule for an age {@code A} fires {@code A - warm} days after creation.
 * Each rule fires {@code grace} days after the age: the migration flips the manifest first,
 * so a query asks for a restore before its objects become unreadable, never reads an object
 * Athena would silently skip. Expiry is the migration's (manifest first, then the delete); the
 * rule's expiration only removes what a failed delete left behind.
 */
public final class S3LifecycleRules {
  /** After the migration's own change, so the manifest always leads (a daily run, S3's lag). */
  public static final Duration GRACE = Duration.ofDays(2);

  private S3LifecycleRules() {
  }

  /** The rule of one table's cold prefix ({@code events/} of {@code s3://bucket/events/}). */
  public static LifecycleRule coldRule(String table, String keyPrefix, LifecyclePolicy policy) {
    long created = policy.warm().toDays();
    return LifecycleRule.builder()
        .id("tiergate-" + table + "-cold")
        .filter(LifecycleRuleFilter.builder().prefix(keyPrefix).build())
        .status(ExpirationStatus.ENABLED)
        .transitions(
            transition(policy.glacierIr().toDays() - created, TransitionStorageClass.GLACIER),
            transition(policy.glacierFlexible().toDays() - created,
                TransitionStorageClass.DEEP_ARCHIVE))
        .expiration(LifecycleExpiration.builder()
            .days((int) (policy.expire().toDays() - created + GRACE.toDays())).build())
        .abortIncompleteMultipartUpload(AbortIncompleteMultipartUpload.builder()
            .daysAfterInitiation(7).build())
        .build();
  }

  private static Transition transition(long days, TransitionStorageClass storageClass) {
    return Transition.builder().days((int) (days + GRACE.toDays())).storageClass(storageClass)
        .build();
  }

  /** Sets the bucket's rules (PutBucketLifecycleConfiguration replaces all of them). */
  public static void apply(S3Client s3, String bucket, List<LifecycleRule> rules) {
    s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(
        BucketLifecycleConfiguration.builder().rules(rules).build()));
  }
}
