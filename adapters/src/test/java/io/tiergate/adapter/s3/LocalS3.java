package io.tiergate.adapter.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * One in-process S3Proxy (filesystem backend, AWS v2/v4 auth with a fixed key) per test JVM,
 * stopped and deleted at exit. S3Proxy logs nothing here: the adapters module's test classpath
 * has no SLF4J provider (S3Proxy's logback is excluded in the pom).
 */
final class LocalS3 {
  static final String IDENTITY = "tiergate-local";
  static final String CREDENTIAL = "tiergate-local-secret";

  private static LocalS3 instance;

  final URI endpoint;
  private final S3Proxy proxy;
  private final Path dir;

  private LocalS3() throws Exception {
    dir = Files.createTempDirectory("tiergate-s3proxy");
    proxy = S3Proxy.builder()
        .blobStore(new FilesystemNio2BlobStore(dir.toString()))
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, IDENTITY, CREDENTIAL)
        .ignoreUnknownHeaders(true)
        .build();
    proxy.start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
      }
      Thread.sleep(5);
    }
    endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "s3proxy-stop"));
  }

  static synchronized LocalS3 get() {
    if (instance == null) {
      try {
        instance = new LocalS3();
      } catch (Exception e) {
        throw new IllegalStateException("Cannot start S3Proxy", e);
      }
    }
    return instance;
  }

  S3ClientSettings settings() {
    return S3ClientSettings.local(endpoint, IDENTITY, CREDENTIAL);
  }

  private void stop() {
    try {
      proxy.stop();
    } catch (Exception e) {
      // exiting anyway
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
