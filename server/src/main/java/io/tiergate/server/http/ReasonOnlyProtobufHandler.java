package io.tiergate.server.http;

import io.tiergate.server.error.ErrorResponses;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.ProtobufHandler;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;

/** Avatica's protobuf handler, answering failures as {@link ReasonOnlyJsonHandler} does. */
final class ReasonOnlyProtobufHandler extends ProtobufHandler {
  private final ProtobufTranslation translation;
  private volatile Service.RpcMetadataResponse metadata;

  ReasonOnlyProtobufHandler(Service service) {
    this(service, new ProtobufTranslationImpl());
  }

  private ReasonOnlyProtobufHandler(Service service, ProtobufTranslation translation) {
    super(service, translation, NoopMetricsSystem.getInstance());
    this.translation = translation;
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
  @Override public HandlerResponse<byte[]> apply(byte[] request) {
    try {
      return super.apply(request);
    } catch (LinkageError | AssertionError | StackOverflowError e) {
      return respond(e, 500);
    }
  }

  @Override public HandlerResponse<byte[]> convertToErrorResponse(Exception e) {
    return respond(e, 500);
  }

  @Override public HandlerResponse<byte[]> badRequestErrorResponse(Exception e) {
    return respond(e, 400);
  }

  @Override public HandlerResponse<byte[]> unauthenticatedErrorResponse(Exception e) {
    return respond(e, 401);
  }

  @Override public HandlerResponse<byte[]> unauthorizedErrorResponse(Exception e) {
    return respond(e, 403);
  }

  private HandlerResponse<byte[]> respond(Throwable e, int status) {
    try {
      return new HandlerResponse<>(translation.serializeResponse(
          ErrorResponses.of(e, metadata)), status);
    } catch (IOException io) {
      throw new UncheckedIOException("Cannot encode an error response", io);
    }
  }
}
