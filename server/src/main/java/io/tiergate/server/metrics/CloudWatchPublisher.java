package io.tiergate.server.metrics;

import io.micrometer.cloudwatch2.CloudWatchConfig;
import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import io.micrometer.core.instrument.Clock;
import io.tiergate.server.config.TiergateConfig;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClientBuilder;

/**
 * {@code server.metrics.cloudwatch}: every meter of {@code /metrics} also sent to Amazon
 * CloudWatch as custom metrics (PutMetricData, one batch per step), by Micrometer's CloudWatch
 * registry, so an AWS deployment gets its dashboards and alarms without running Prometheus.
 */
public final class CloudWatchPublisher {
  private CloudWatchPublisher() {
  }

  /** A registry publishing with the default AWS credentials chain (the instance's role). */
  public static CloudWatchMeterRegistry start(TiergateConfig.CloudWatchConfig config) {
    return start(config, DefaultCredentialsProvider.builder().build());
  }

  static CloudWatchMeterRegistry start(TiergateConfig.CloudWatchConfig config,
      AwsCredentialsProvider credentials) {
    CloudWatchAsyncClientBuilder client = CloudWatchAsyncClient.builder()
        .credentialsProvider(credentials);
    if (config.region() != null) {
      client.region(Region.of(config.region()));
    }
    if (config.endpoint() != null) {
      client.endpointOverride(URI.create(config.endpoint()));
    }
    Duration step = config.stepDuration();
    CloudWatchConfig registryConfig = new CloudWatchConfig() {
      @Override public String get(String key) {
        return null; // every setting below; Micrometer's defaults for the rest
      }

      @Override public String namespace() {
        return config.namespace();
      }

      @Override public Duration step() {
        return step;
      }
    };
    CloudWatchAsyncClient built;
    try {
      built = client.build();
    } catch (SdkClientException e) {
      // No region given and none in the environment, the usual case on a laptop.
      throw new IllegalStateException("server.metrics.cloudwatch: cannot create the CloudWatch"
          + " client: " + e.getMessage() + " Set server.metrics.cloudwatch.region (or"
          + " AWS_REGION), or remove server.metrics.cloudwatch to publish nothing", e);
    }
    return new CloudWatchMeterRegistry(registryConfig, Clock.SYSTEM, built);
  }
}
