package io.tiergate.server.http;

import io.tiergate.server.error.ErrorResponses;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.JsonHandler;
import org.apache.calcite.avatica.remote.Service;

/**
 * Avatica's JSON handler, but a failed request is answered with {@link ErrorResponses}: the
 * reason, SQLState and code, and no stack traces. Avatica's own error responses are built in
 * package-private code; the public {@code *ErrorResponse} methods are where every failure
 * (decoding the request included) passes.
 */
final class ReasonOnlyJsonHandler extends JsonHandler {
  private volatile Service.RpcMetadataResponse metadata;

  ReasonOnlyJsonHandler(Service service) {
    super(service, NoopMetricsSystem.getInstance());
  }

  @Override public void setRpcMetadata(Service.RpcMetadataResponse metadata) {
    super.setRpcMetadata(metadata);
    this.metadata = metadata;
  }

  /**
   * Avatica's handler catches Exception only. Calcite evaluates constant expressions in a
   * static initializer of the code it generates, so {@code SELECT 1/0} fails with an
   * ExceptionInInitializerError, and the same cached plan later with NoClassDefFoundError;
   * escaping to Jetty, they became an HTML error page that no client can read.
   */
  @Override public HandlerResponse<String> apply(String request) {
    try {
      return super.apply(request);
    } catch (LinkageError | AssertionError | StackOverflowError e) {
      return respond(e, 500);
    }
  }

  @Override public HandlerResponse<String> convertToErrorResponse(Exception e) {
    return respond(e, 500);
  }

  @Override public HandlerResponse<String> badRequestErrorResponse(Exception e) {
    return respond(e, 400);
  }

  @Override public HandlerResponse<String> unauthenticatedErrorResponse(Exception e) {
    return respond(e, 401);
  }

  @Override public HandlerResponse<String> unauthorizedErrorResponse(Exception e) {
    return respond(e, 403);
  }

  private HandlerResponse<String> respond(Throwable e, int status) {
    try {
      return new HandlerResponse<>(MAPPER.writeValueAsString(ErrorResponses.of(e, metadata)),
          status);
    } catch (IOException io) {
      throw new UncheckedIOException("Cannot encode an error response", io);
    }
  }
}
