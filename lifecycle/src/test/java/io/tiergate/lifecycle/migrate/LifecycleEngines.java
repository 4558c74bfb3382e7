package io.tiergate.lifecycle.migrate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tiergate.adapter.StoreRequests;
import io.tiergate.adapter.dynamodb.DynamoDbClientFactory;
import io.tiergate.adapter.redshift.RedshiftConnectionFactory;
import io.tiergate.adapter.s3.S3ClientFactory;
import io.tiergate.adapter.s3.S3ClientSettings;
import io.tiergate.adapter.s3.S3ObjectStore;
import io.tiergate.local.DynamoDbLocalStandIn;
import io.tiergate.local.PostgresStandIn;
import io.tiergate.local.S3StandIn;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The engines a migration touches, real and local: DynamoDB Local, S3Proxy and PostgreSQL (the
 * Redshift stand-in); one set per test JVM, closed when the run ends.
 */
record LifecycleEngines(DynamoDbLocalStandIn dynamo, S3StandIn s3, PostgresStandIn postgres,
    DynamoDbClient dynamoClient, S3ObjectStore objects, DataSource warm)
    implements AutoCloseable {

  /** Gives tests a {@link LifecycleEngines} parameter, shared by the whole run. */
  static final class Extension implements ParameterResolver {
    @Override public boolean supportsParameter(ParameterContext parameter,
        ExtensionContext context) {
      return parameter.getParameter().getType() == LifecycleEngines.class;
    }

    @Override public Object resolveParameter(ParameterContext parameter,
        ExtensionContext context) {
      return shared(context);
    }
  }

  static LifecycleEngines shared(ExtensionContext context) {
    return context.getRoot().getStore(ExtensionContext.Namespace.create(LifecycleEngines.class))
        .getOrComputeIfAbsent(LifecycleEngines.class, k -> start(), LifecycleEngines.class);
  }

  static LifecycleEngines start() {
    Path dir = Path.of("target", "lifecycle-engines").toAbsolutePath();
    DynamoDbLocalStandIn dynamo = DynamoDbLocalStandIn.start(dir.resolve("dynamodb"));
    S3StandIn s3 = S3StandIn.start(dir.resolve("s3"));
    PostgresStandIn postgres = PostgresStandIn.start(dir.resolve("postgres"));
    StoreRequests requests = new StoreRequests(new SimpleMeterRegistry());
    DynamoDbClient client = DynamoDbClientFactory.create(dynamo.endpoint(), "us-east-1", "local",
        "local", requests, "dynamodb");
    S3Client s3Client = S3ClientFactory.create(S3ClientSettings.local(s3.endpoint().endpoint(),
        s3.endpoint().accessKey(), s3.endpoint().secretKey()));
    DataSource warm = RedshiftConnectionFactory.forUrl(postgres.jdbcUrl(), null)
        .pooled("redshift", postgres.user(), postgres.password(), requests, postgres.jdbcUrl());
    return new LifecycleEngines(dynamo, s3, postgres, client, new S3ObjectStore(s3Client), warm);
  }

  @Override public void close() throws Exception {
    dynamoClient.close();
    objects.client().close();
    warm.unwrap(AutoCloseable.class).close();
    postgres.close();
    s3.close();
    dynamo.close();
  }
}
