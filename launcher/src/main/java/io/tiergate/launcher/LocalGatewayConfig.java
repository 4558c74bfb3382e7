package io.tiergate.launcher;

import io.tiergate.local.LocalStack;
import io.tiergate.server.config.ConfigLoader;
import io.tiergate.server.config.TiergateConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The gateway configuration for a local stack: the bundled template, filled from the stack. */
public final class LocalGatewayConfig {
  static final String TEMPLATE = "tiergate-local.yaml";

  /** The users of the local template and their passwords: the template holds only hashes. */
  public static final String ADMIN = "admin";
  public static final String READER = "reader";

  private LocalGatewayConfig() {
  }

  public static TiergateConfig forStack(LocalStack stack, int port) {
    Map<String, String> values = new HashMap<>();
    values.put("PORT", Integer.toString(port));
    values.put("DYNAMODB_ENDPOINT", stack.dynamoDbEndpoint().toString());
    values.put("REDIS_HOST", stack.redisHost());
    values.put("REDIS_PORT", Integer.toString(stack.redisPort()));
    values.put("S3_ENDPOINT", stack.s3Endpoint().endpoint().toString());
    values.put("S3_ACCESS_KEY", stack.s3Endpoint().accessKey());
    values.put("S3_SECRET_KEY", stack.s3Endpoint().secretKey());
    values.put("REDSHIFT_URL", stack.postgresJdbcUrl());
    values.put("REDSHIFT_USER", stack.postgresUser());
    values.put("REDSHIFT_PASSWORD", stack.postgresPassword());
    values.put("ATHENA_URL", stack.trinoJdbcUrl());
    return new ConfigLoader(values::get).parse(template(), "tiergate-local.yaml (bundled)");
  }

  /**
   * The banner lines naming the local users; the passwords are the user names, as the hashes
   * in the template say ({@code LocalGatewayConfigTest} checks them).
   */
  public static String usersNotice() {
    return "Users: " + ADMIN + " (password " + ADMIN + ", role admin) and " + READER
        + " (password " + READER + ", role reader); a connection without credentials is a "
        + "reader.\nAdmin procedures (CALL tiergate.restore ...) need the admin user: "
        + "jdbc:tiergate://...?user=" + ADMIN + "&password=" + ADMIN;
  }

  static String template() {
    try (InputStream in = LocalGatewayConfig.class.getResourceAsStream(TEMPLATE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
