package io.tiergate.adapter.dynamodb;

import io.tiergate.local.dynamodb.DynamoDbLocalLauncher;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local only (not the whole local stack), in memory, in one child JVM per test JVM:
 * the launcher of tiergate-dynamodb-local-runtime on the classpath it wrote. The child exits
 * when its stdin closes, at the latest when this JVM exits.
 */
final class LocalDynamoDb {
  private static LocalDynamoDb instance;

  final URI endpoint;
  private final Process process;

  private LocalDynamoDb() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("tiergate-dynamodb-local");
    Path log = dir.resolve("dynamodb.log");
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String classpath;
    try (InputStream in = DynamoDbLocalLauncher.class.getResourceAsStream("classpath.txt")) {
      if (in == null) {
        throw new IllegalStateException("classpath.txt missing beside "
            + DynamoDbLocalLauncher.class + ": build local-stack/dynamodb-runtime");
      }
      classpath = Path.of(DynamoDbLocalLauncher.class.getProtectionDomain().getCodeSource()
          .getLocation().getPath()) + File.pathSeparator
          + new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
    Path args = dir.resolve("java.args");
    Files.write(args, List.of("-Xmx256m", "-XX:+UseSerialGC",
        "-Djava.io.tmpdir=\"" + dir + "\"", "-cp", "\"" + classpath + "\"",
        DynamoDbLocalLauncher.class.getName(), Integer.toString(port)));
    process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "@" + args)
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    endpoint = URI.create("http://127.0.0.1:" + port);
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!Files.readString(log, StandardCharsets.ISO_8859_1)
        .contains(DynamoDbLocalLauncher.READY_PREFIX)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("DynamoDB Local did not start on port " + port + ": "
            + Files.readString(log, StandardCharsets.ISO_8859_1));
      }
      Thread.sleep(25);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        process.getOutputStream().close();
      } catch (IOException ignored) {
        process.destroy();
      }
    }, "dynamodb-local-stop"));
  }

  static synchronized LocalDynamoDb get() {
    if (instance == null) {
      try {
        instance = new LocalDynamoDb();
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException("Cannot start DynamoDB Local", e);
      }
    }
    return instance;
  }

  DynamoDbClient client(ExecutionInterceptor... interceptors) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("local", "local")))
        .httpClientBuilder(ApacheHttpClient.builder())
        .overrideConfiguration(c -> List.of(interceptors).forEach(c::addExecutionInterceptor))
        .build();
  }
}
