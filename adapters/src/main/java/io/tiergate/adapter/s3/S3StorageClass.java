package io.tiergate.adapter.s3;

import java.util.Locale;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * The S3 storage classes Tiergate's tiers use: warm data in STANDARD, cold data in GLACIER_IR
 * (Instant Retrieval: readable at once), GLACIER (Flexible Retrieval) and DEEP_ARCHIVE (both need
 * a restore before a GET). STANDARD_IA and INTELLIGENT_TIERING are recognised when read back.
 */
public enum S3StorageClass {
  STANDARD("standard", false),
  STANDARD_IA("standard-ia", false),
  INTELLIGENT_TIERING("intelligent-tiering", false),
  GLACIER_IR("glacier-ir", false),
  GLACIER("glacier-flexible", true),
  DEEP_ARCHIVE("deep-archive", true);

  private final String configName;
  private final boolean requiresRestore;

  S3StorageClass(String configName, boolean requiresRestore) {
    this.configName = configName;
    this.requiresRestore = requiresRestore;
  }

  /** The name in {@code tiergate.yaml}'s lifecycle section, e.g. {@code glacier-flexible}. */
  public String configName() {
    return configName;
  }

  /** True when a GET fails (InvalidObjectState) until the object is restored. */
  public boolean requiresRestore() {
    return requiresRestore;
  }

  /** The value of the {@code x-amz-storage-class} header. */
  public String awsName() {
    return name();
  }

  public StorageClass toSdk() {
    return StorageClass.fromValue(name());
  }

  /**
   * From the {@code x-amz-storage-class} header or a listing's storage class. S3 leaves the
   * header out for STANDARD objects, so null or empty means STANDARD.
   */
  public static S3StorageClass fromAws(String value) {
    if (value == null || value.isEmpty()) {
      return STANDARD;
    }
    try {
      return valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Unsupported S3 storage class '" + value
          + "'; Tiergate knows " + java.util.Arrays.toString(values()), e);
    }
  }

  /** From a config name ({@code glacier-ir}) or an AWS name ({@code GLACIER_IR}). */
  public static S3StorageClass parse(String text) {
    for (S3StorageClass c : values()) {
      if (c.configName.equalsIgnoreCase(text) || c.name().equalsIgnoreCase(text)) {
        return c;
      }
    }
    throw new IllegalArgumentException("Unknown storage class '" + text + "'; one of "
        + java.util.Arrays.stream(values()).map(S3StorageClass::configName).toList());
  }
}
