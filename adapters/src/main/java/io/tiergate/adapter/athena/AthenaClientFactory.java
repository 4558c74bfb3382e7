package io.tiergate.adapter.athena;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.AthenaClientBuilder;

/**
 * Builds the Athena client: the default credential chain in production, static keys for a
 * local endpoint. The Apache HTTP client is named explicitly (several are on the classpath).
 * Every Athena API call is short (queries run asynchronously, a result page is at most 1000
 * rows), so an endpoint that does not answer within seconds is down: a call, retries included,
 * gives up after {@link #CALL_TIMEOUT}.
 */
public final class AthenaClientFactory {
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(4);

  private AthenaClientFactory() {
  }

  /**
   * @param endpoint a local stand-in's URI, or null for AWS
   * @param accessKey null for the default chain
   * @param interceptors extra interceptors (tests record requests with one). Requests are
   *     counted per statement by the DataSource, not per poll here.
   */
  public static AthenaClient create(URI endpoint, String region, String accessKey,
      String secretKey, ExecutionInterceptor... interceptors) {
    AwsCredentialsProvider credentials = accessKey == null
        ? DefaultCredentialsProvider.builder().build()
        : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    AthenaClientBuilder builder = AthenaClient.builder()
        .region(Region.of(region))
        .credentialsProvider(credentials)
        .httpClientBuilder(ApacheHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(2))
            .socketTimeout(Duration.ofSeconds(3)))
        .overrideConfiguration(c -> {
          c.apiCallTimeout(CALL_TIMEOUT);
          for (ExecutionInterceptor interceptor : interceptors) {
            c.addExecutionInterceptor(interceptor);
          }
        });
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder.build();
  }

  /** Where a client built with these settings sends requests, for error messages. */
  public static String address(URI endpoint, String region) {
    return endpoint != null ? endpoint.getAuthority() : "athena." + region + ".amazonaws.com";
  }
}
