package io.tiergate.adapter.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach S3.
 *
 * @param endpoint null for AWS itself; the stand-in's URL locally ({@code http://127.0.0.1:port})
 * @param pathStyle {@code http://host/bucket/key} instead of {@code http://bucket.host/key}: needed
 *     by the local stand-in (no wildcard DNS); AWS itself wants virtual-hosted style
 * @param accessKey with {@code secretKey}: static credentials (local); null for the default
 *     credential chain (environment, profile, instance or task role)
 */
public record S3ClientSettings(URI endpoint, String region, boolean pathStyle, String accessKey,
    String secretKey, int maxConnections, Duration connectionTimeout, Duration socketTimeout) {
  public S3ClientSettings {
    Objects.requireNonNull(region, "region");
    if ((accessKey == null) != (secretKey == null)) {
      throw new IllegalArgumentException("S3 access key and secret key go together");
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be positive: " + maxConnections);
    }
    Objects.requireNonNull(connectionTimeout, "connectionTimeout");
    Objects.requireNonNull(socketTimeout, "socketTimeout");
  }

  /** AWS S3 in a region, default credential chain, virtual-hosted addressing. */
  public static S3ClientSettings aws(String region) {
    return new S3ClientSettings(null, region, false, null, null, 64, Duration.ofSeconds(5),
        Duration.ofSeconds(60));
  }

  /** A local S3-compatible endpoint (S3Proxy): path-style, static credentials, us-east-1. */
  public static S3ClientSettings local(URI endpoint, String accessKey, String secretKey) {
    return new S3ClientSettings(Objects.requireNonNull(endpoint, "endpoint"), "us-east-1", true,
        Objects.requireNonNull(accessKey, "accessKey"),
        Objects.requireNonNull(secretKey, "secretKey"), 32, Duration.ofSeconds(2),
        Duration.ofSeconds(30));
  }

  public S3ClientSettings withMaxConnections(int connections) {
    return new S3ClientSettings(endpoint, region, pathStyle, accessKey, secretKey, connections,
        connectionTimeout, socketTimeout);
  }
}
