package io.tiergate.server.error;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error response for a failed request: the translated reason for the client, the stack
 * trace for the server log, tied by an error id that both carry. Avatica would send the stack
 * traces to the client (ErrorResponse's {@code exceptions}); a client has no use for the
 * gateway's internals and should not see them, so that list goes empty.
 */
public final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
  private static final SecureRandom IDS = new SecureRandom();

  private ErrorResponses() {
  }

  public static Service.ErrorResponse of(Throwable e, Service.RpcMetadataResponse metadata) {
    ClientError error = ErrorTranslation.translate(e);
    String id = newId();
    String message = error.message(id);
    if (error.kind().isClientFault()) {
      // A typo in a query is not the operator's problem, but a user may still quote the id.
      LOG.info("[error id {}] {} {} (SQLState {}): {}", id, error.kind(), error.kind().code(),
          error.kind().sqlState(), error.reason(), e);
    } else {
      LOG.warn("[error id {}] {} {} (SQLState {}): {}", id, error.kind(), error.kind().code(),
          error.kind().sqlState(), error.reason(), e);
    }
    return new Service.ErrorResponse(List.of(), message, error.kind().code(),
        error.kind().sqlState(), AvaticaSeverity.ERROR, metadata);
  }

  /** Eight hex digits: short enough to read out, enough not to repeat in a day's log. */
  static String newId() {
    byte[] bytes = new byte[4];
    IDS.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
