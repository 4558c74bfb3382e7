package io.tiergate.adapter.s3;

import java.util.Locale;
import software.amazon.awssdk.services.s3.model.Tier;

/**
 * How fast S3 restores an archived object (and what it costs). Deep Archive has no Expedited
 * retrieval, so a request for it is refused before anything is sent.
 */
public enum RetrievalTier {
  EXPEDITED, STANDARD, BULK;

  public static RetrievalTier parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("Unknown retrieval tier '" + text
          + "'; one of EXPEDITED, STANDARD, BULK", e);
    }
  }

  public boolean supports(S3StorageClass storageClass) {
    return this != EXPEDITED || storageClass != S3StorageClass.DEEP_ARCHIVE;
  }

  public Tier toSdk() {
    return Tier.fromValue(name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT));
  }
}
