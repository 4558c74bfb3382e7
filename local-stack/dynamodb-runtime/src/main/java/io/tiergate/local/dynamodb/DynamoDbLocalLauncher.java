package io.tiergate.local.dynamodb;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.InputStream;

/**
 * Main class of the child JVM that hosts DynamoDB Local (in memory) for local-stack.
 *
 * <p>Protocol with the parent: one line {@code TIERGATE-DYNAMODB-READY <port>} on stdout once
 * the server listens; the child exits when its stdin reaches EOF, i.e. when the parent closes it
 * or dies, so no orphan survives the parent. {@code System.exit} is explicit because
 * {@code DynamoDBProxyServer.stop()} leaves a non-daemon thread behind.
 */
public final class DynamoDbLocalLauncher {
  public static final String READY_PREFIX = "TIERGATE-DYNAMODB-READY ";

  private DynamoDbLocalLauncher() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: DynamoDbLocalLauncher <port>");
      System.exit(2);
    }
    String port = args[0];
    DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
        new String[] {"-inMemory", "-port", port, "-disableTelemetry"});
    server.start();
    System.out.println(READY_PREFIX + port);
    System.out.flush();
    waitForEndOfStdin(System.in);
    try {
      server.stop();
    } finally {
      System.exit(0);
    }
  }

  private static void waitForEndOfStdin(InputStream in) {
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) >= 0) {
        // the parent never writes; anything read is ignored
      }
    } catch (IOException e) {
      // a broken pipe means the parent is gone: same as EOF
    }
  }
}
