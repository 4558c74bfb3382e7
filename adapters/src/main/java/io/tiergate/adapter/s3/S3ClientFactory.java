package io.tiergate.adapter.s3;

import io.tiergate.adapter.CountingInterceptor;
import io.tiergate.adapter.StoreRequests;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the synchronous S3 client: AWS with the default credential chain in production, or a
 * local endpoint with path-style addressing and static credentials. Always the Apache HTTP client,
 * named explicitly: the SDK refuses to pick one itself when several HTTP client jars are on the
 * classpath (the DynamoDB artifacts bring apache5-client and netty-nio-client at runtime).
 */
public final class S3ClientFactory {
  /** The {@code store} tag of S3 requests in {@link StoreRequests}. */
  public static final String COUNTER_TAG = "s3";

  private S3ClientFactory() {
  }

  public static S3Client create(S3ClientSettings settings) {
    return create(settings, null, COUNTER_TAG);
  }

  /**
   * @param requests counts every request sent (retries included) under {@code counterTag}; may
   *     be null
   */
  public static S3Client create(S3ClientSettings settings, StoreRequests requests,
      String counterTag) {
    AwsCredentialsProvider credentials = settings.accessKey() == null
        ? DefaultCredentialsProvider.builder().build()
        : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(),
            settings.secretKey()));
    S3ClientBuilder builder = S3Client.builder()
        .region(Region.of(settings.region()))
        .credentialsProvider(credentials)
        .forcePathStyle(settings.pathStyle())
        .httpClientBuilder(ApacheHttpClient.builder()
            .maxConnections(settings.maxConnections())
            .connectionTimeout(settings.connectionTimeout())
            .socketTimeout(settings.socketTimeout()));
    if (requests != null) {
      builder.overrideConfiguration(c -> c.addExecutionInterceptor(
          new CountingInterceptor(requests, counterTag)));
    }
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    return builder.build();
  }
}
