package io.tiergate.adapter.dynamodb;

import io.tiergate.adapter.CountingInterceptor;
import io.tiergate.adapter.StoreRequests;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClientBuilder;

/** Builds DynamoDB clients for AWS (default credential chain) or a local endpoint. */
public final class DynamoDbClientFactory {
  private DynamoDbClientFactory() {
  }

  /**
   * @param endpoint null for AWS itself
   * @param accessKey with {@code secretKey}, static credentials (local); null for the default chain
   * @param counterTag the {@code store} tag under which this client's requests are counted
   */
  public static DynamoDbClient create(URI endpoint, String region, String accessKey,
      String secretKey, StoreRequests requests, String counterTag) {
    return create(endpoint, region, accessKey, secretKey, requests, counterTag,
        RetryMode.STANDARD);
  }

  /**
   * @param retryMode how throttled and failed requests are retried: {@link RetryMode#STANDARD}
   *     (3 attempts, exponential backoff with jitter) or {@link RetryMode#ADAPTIVE_V2} (the same,
   *     plus a client-side rate limit that slows down while DynamoDB throttles)
   */
  public static DynamoDbClient create(URI endpoint, String region, String accessKey,
      String secretKey, StoreRequests requests, String counterTag, RetryMode retryMode) {
    DynamoDbClientBuilder builder = DynamoDbClient.builder()
        .region(Region.of(region))
        .credentialsProvider(credentials(accessKey, secretKey))
        // Apache client: ~4x faster than the URL-connection client on point lookups.
        .httpClientBuilder(ApacheHttpClient.builder()
            .maxConnections(64)
            .connectionTimeout(Duration.ofSeconds(2)))
        // Explicit, not whatever the environment's AWS_RETRY_MODE or profile says.
        .overrideConfiguration(c -> c.retryStrategy(retryMode)
            .addExecutionInterceptor(new CountingInterceptor(requests, counterTag)));
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder.build();
  }

  /**
   * A DynamoDB Streams client (the hot-item cache's change capture). DynamoDB Local serves
   * Streams on its own endpoint; AWS on {@code streams.dynamodb.<region>.amazonaws.com}, which
   * the SDK picks when {@code endpoint} is null.
   */
  public static DynamoDbStreamsClient createStreams(URI endpoint, String region,
      String accessKey, String secretKey, StoreRequests requests, String counterTag) {
    DynamoDbStreamsClientBuilder builder = DynamoDbStreamsClient.builder()
        .region(Region.of(region))
        .credentialsProvider(credentials(accessKey, secretKey))
        .httpClientBuilder(ApacheHttpClient.builder().maxConnections(4)
            .connectionTimeout(Duration.ofSeconds(2)))
        .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)
            .addExecutionInterceptor(new CountingInterceptor(requests, counterTag)));
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(String accessKey, String secretKey) {
    return accessKey == null ? DefaultCredentialsProvider.builder().build()
        : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
  }
}
