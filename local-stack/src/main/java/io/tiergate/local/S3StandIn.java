package io.tiergate.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Proxy 4.x in this JVM with its filesystem backend (buckets are directories under
 * {@code <workDir>/s3}), AWS signature V4 with fixed local keys. It keeps the storage class given
 * at PutObject, but CopyObject to another class answers STANDARD and RestoreObject is not
 * implemented (ARCHITECTURE.md section 7). Its Jetty is shaded, so it coexists with Avatica's.
 * S3Proxy logs every request at DEBUG: give {@code org.gaul} a level in the logging config.
 */
public final class S3StandIn implements AutoCloseable {
  public static final String ACCESS_KEY = "tiergate-local-access-key";
  public static final String SECRET_KEY = "tiergate-local-secret-key";
  public static final String REGION = "us-east-1";
  static final String ENGINE = "S3Proxy";
  private static final Logger LOG = LoggerFactory.getLogger(S3StandIn.class);

  private final S3Proxy proxy;
  private final S3Endpoint endpoint;
  private final AtomicBoolean closed = new AtomicBoolean();

  private S3StandIn(S3Proxy proxy, S3Endpoint endpoint) {
    this.proxy = proxy;
    this.endpoint = endpoint;
  }

  public static S3StandIn start(Path workDir) {
    long started = System.nanoTime();
    S3Proxy proxy = null;
    try {
      Path root = workDir.resolve("s3");
      // Empty at every start, like the other engines: objects left from an earlier run would
      // not match the (fresh) DynamoDB control table.
      Directories.deleteRecursively(root);
      Files.createDirectories(root); // FilesystemNio2BlobStore insists that its root exists
      proxy = S3Proxy.builder()
          .blobStore(new FilesystemNio2BlobStore(root.toString()))
          .endpoint(URI.create("http://127.0.0.1:0")) // port 0: Jetty picks a free one, no race
          .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
          .ignoreUnknownHeaders(true) // the SDK sends headers S3Proxy does not know, e.g. checksums
          .build();
      proxy.start(); // synchronous: Jetty is listening when it returns
      S3Endpoint endpoint = new S3Endpoint(URI.create("http://127.0.0.1:" + proxy.getPort()), REGION, ACCESS_KEY, SECRET_KEY);
      S3StandIn standIn = new S3StandIn(proxy, endpoint);
      try (S3Client client = standIn.client()) {
        Readiness.await(ENGINE, Duration.ofSeconds(20), () -> true, client::listBuckets);
      }
      LOG.info("S3Proxy ready at {} in {} ms", endpoint.endpoint(), (System.nanoTime() - started) / 1_000_000);
      return standIn;
    } catch (Exception e) {
      stopQuietly(proxy);
      throw new EngineStartException(ENGINE, "(S3Proxy runs in this JVM: see this JVM's log)", e);
    }
  }

  public S3Endpoint endpoint() {
    return endpoint;
  }

  /** A path-style client: S3Proxy serves buckets as path segments, not as host names. */
  public S3Client client() {
    return S3Client.builder()
        .endpointOverride(endpoint.endpoint())
        .region(Region.of(endpoint.region()))
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(endpoint.accessKey(), endpoint.secretKey())))
        .httpClientBuilder(ApacheHttpClient.builder())
        .build();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      stopQuietly(proxy);
      LOG.info("S3Proxy stopped");
    }
  }

  private static void stopQuietly(S3Proxy proxy) {
    if (proxy == null) {
      return;
    }
    try {
      proxy.stop();
    } catch (Exception e) {
      LOG.warn("stopping S3Proxy", e);
    }
  }
}
