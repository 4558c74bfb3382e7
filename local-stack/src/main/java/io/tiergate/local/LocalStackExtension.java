package io.tiergate.local;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving tests a running {@link LocalStack}: one per test JVM, started by the
 * first test class that needs it and stopped when the whole run ends. It lives in the root
 * context's store, which closes AutoCloseable values at the end of the run (JUnit 5.13+), and
 * its data sits under {@code target/local-stack} of the module under test.
 *
 * <pre>{@code
 * @ExtendWith(LocalStackExtension.class)
 * class SomeIT {
 *   @Test void works(LocalStack stack) { ... }
 * }
 * }</pre>
 */
public final class LocalStackExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalStackExtension.class);
  static final Path DATA_DIR = Path.of("target", "local-stack");

  @Override
  public void beforeAll(ExtensionContext context) {
    localStack(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == LocalStack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return localStack(extensionContext);
  }

  private static LocalStack localStack(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(LocalStack.class, key -> LocalStack.start(DATA_DIR), LocalStack.class);
  }
}
