package io.tiergate.adapter.s3;

import io.tiergate.adapter.StoreUnavailableException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.RestoreObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Restores through S3 itself: RestoreObject starts it, HeadObject's {@code x-amz-restore}
 * header tells when it is done and until when the copy stays.
 */
public final class S3ObjectRestorer implements ObjectRestorer {
  private static final Pattern EXPIRY = Pattern.compile("expiry-date=\"([^\"]+)\"");

  private final S3Client client;
  private final S3ObjectStore objects;

  public S3ObjectRestorer(S3Client client) {
    this.client = client;
    this.objects = new S3ObjectStore(client);
  }

  /** The request {@link #request} sends (also what tests compare, as S3Proxy cannot run it). */
  public static RestoreObjectRequest restoreRequest(S3ObjectInfo object, int days,
      RetrievalTier tier) {
    return RestoreObjectRequest.builder().bucket(object.bucket()).key(object.key())
        .restoreRequest(r -> r.days(days).glacierJobParameters(g -> g.tier(tier.toSdk())))
        .build();
  }

  @Override public void request(S3ObjectInfo object, int days, RetrievalTier tier) {
    try {
      client.restoreObject(restoreRequest(object, days, tier));
    } catch (S3Exception e) {
      if ("RestoreAlreadyInProgress".equals(e.awsErrorDetails().errorCode())) {
        return;
      }
      throw new StoreUnavailableException("S3 RestoreObject of " + object.uri() + " failed: "
          + e.awsErrorDetails().errorMessage(), e);
    } catch (SdkException e) {
      throw new StoreUnavailableException("S3 RestoreObject of " + object.uri() + " failed: "
          + e.getMessage(), e);
    }
  }

  @Override public RestoreState state(S3ObjectInfo object) {
    S3ObjectInfo head = objects.head(object.bucket(), object.key()).orElseThrow(() ->
        new IllegalStateException("No object at " + object.uri()));
    return parse(head.restore());
  }

  /** From {@code x-amz-restore}: absent, {@code ongoing-request="true"}, or finished with expiry. */
  static RestoreState parse(String header) {
    if (header == null || header.isBlank()) {
      return RestoreState.NOT_REQUESTED;
    }
    if (header.contains("ongoing-request=\"true\"")) {
      return RestoreState.IN_PROGRESS;
    }
    Matcher m = EXPIRY.matcher(header);
    Instant until = m.find()
        ? ZonedDateTime.parse(m.group(1), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()
        : Instant.MAX;
    return RestoreState.restoredUntil(until);
  }
}
