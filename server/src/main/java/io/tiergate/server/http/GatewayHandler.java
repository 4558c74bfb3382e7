package io.tiergate.server.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tiergate.server.auth.RequestScope;
import io.tiergate.server.error.ClientErrorException;
import io.tiergate.server.error.ErrorKind;
import io.tiergate.server.ui.StatusEndpoint;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.remote.Handler.HandlerResponse;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.server.AvaticaHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;

/**
 * The gateway's one HTTP port: Avatica in both serializations plus {@code GET /metrics} and
 * the status page at {@code GET /ui}.
 * Avatica's handlers each speak one serialization; a JSON request is a JSON object (starts
 * with '{'), a protobuf {@code WireMessage} starts with its field tag, so the first non-blank
 * byte tells them apart.
 *
 * <p>It answers requests itself rather than through Avatica's AvaticaJsonHandler and
 * AvaticaProtobufHandler, whose error responses carry the server's stack traces: the
 * ReasonOnly handlers send the reason, SQLState and code instead (see ErrorResponses).
 */
public final class GatewayHandler extends AbstractHandler implements AvaticaHandler {
  private final Service service;
  private final ReasonOnlyJsonHandler json;
  private final ReasonOnlyProtobufHandler protobuf;
  private final PrometheusMeterRegistry metrics;
  private final long maxRequestBytes;
  /** Brings gauges measured on demand up to date before a scrape reads them. */
  private final Runnable beforeScrape;
  private final StatusEndpoint statusPage;

  public GatewayHandler(Service service, PrometheusMeterRegistry metrics,
      long maxRequestBytes, Runnable beforeScrape, StatusEndpoint statusPage) {
    this.service = service;
    this.statusPage = statusPage;
    this.beforeScrape = beforeScrape;
    this.maxRequestBytes = maxRequestBytes;
    this.json = new ReasonOnlyJsonHandler(service);
    this.protobuf = new ReasonOnlyProtobufHandler(service);
    this.metrics = metrics;
  }

  /** Where this server answers, which Avatica's client reports with an error. */
  @Override public void setServerRpcMetadata(Service.RpcMetadataResponse metadata) {
    service.setRpcMetadata(metadata);
    json.setRpcMetadata(metadata);
    protobuf.setRpcMetadata(metadata);
  }

  @Override public void handle(String target, Request baseRequest, HttpServletRequest request,
      HttpServletResponse response) throws IOException, ServletException {
    if ("GET".equals(request.getMethod())) {
      handleGet(target, baseRequest, request, response);
      return;
    }
    // Read no more than one byte past the bound: a client must not make the gateway buffer
    // what it will refuse anyway.
    byte[] body = request.getInputStream().readNBytes(
        (int) Math.min(maxRequestBytes + 1, Integer.MAX_VALUE - 16));
    if (body.length > maxRequestBytes || request.getContentLengthLong() > maxRequestBytes) {
      refuseTooLarge(request, response, body);
      baseRequest.setHandled(true);
      return;
    }
    RequestScope.serve(request.getHeader("Authorization"), () -> {
      answer(request, response, body);
      return null;
    });
    baseRequest.setHandled(true);
  }

  /** The error for a body over {@code server.limits.request-bytes}, in its serialization. */
  private void refuseTooLarge(HttpServletRequest request, HttpServletResponse response,
      byte[] body) throws IOException {
    long declared = request.getContentLengthLong();
    ClientErrorException tooLarge = new ClientErrorException(ErrorKind.LIMIT_EXCEEDED,
        "Request too large: " + (declared > maxRequestBytes ? declared + " bytes" : "more than "
        + maxRequestBytes + " bytes") + ", over server.limits.request-bytes (" + maxRequestBytes
        + "); send fewer rows per batch, or raise the limit in the gateway's configuration");
    if (isJson(body)) {
      HandlerResponse<String> answer = json.convertToErrorResponse(tooLarge);
      writeJson(response, answer.getStatusCode(), answer);
    } else {
      HandlerResponse<byte[]> answer = protobuf.convertToErrorResponse(tooLarge);
      writeProtobuf(response, answer.getStatusCode(), answer);
    }
  }

  /** Answers one Avatica request, in the serialization it came in. */
  private void answer(HttpServletRequest request, HttpServletResponse response, byte[] body)
      throws IOException {
    if (isJson(body)) {
      // As Avatica's JSON handler: the request may also come in a header.
      String header = request.getHeader("request");
      String encoding = request.getCharacterEncoding();
      String text = header != null ? header : new String(body, encoding == null
          ? StandardCharsets.UTF_8 : Charset.forName(encoding));
      HandlerResponse<String> answer = json.apply(text);
      writeJson(response, status(answer.getStatusCode(), response), answer);
    } else {
      HandlerResponse<byte[]> answer = protobuf.apply(body);
      writeProtobuf(response, status(answer.getStatusCode(), response), answer);
    }
  }

  private static void writeJson(HttpServletResponse response, int status,
      HandlerResponse<String> answer) throws IOException {
    response.setContentType("application/json;charset=utf-8");
    response.setStatus(status);
    response.getWriter().println(answer.getResponse());
  }

  private static void writeProtobuf(HttpServletResponse response, int status,
      HandlerResponse<byte[]> answer) throws IOException {
    response.setContentType("application/octet-stream;charset=utf-8");
    response.setStatus(status);
    response.getOutputStream().write(answer.getResponse());
  }

  /**
   * The handler's status, or an HTTP Basic challenge where the request came without the
   * credentials it needs: Avatica's client then sends them, and with every request after.
   */
  private static int status(int handled, HttpServletResponse response) {
    if (RequestScope.current().map(RequestScope::challenged).orElse(false)) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"Tiergate\", charset=\"UTF-8\"");
      return HttpServletResponse.SC_UNAUTHORIZED;
    }
    return handled;
  }

  private void handleGet(String target, Request baseRequest, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    if ("/ui".equals(target)) {
      statusPage.serve(request.getHeader("Authorization"), response);
      baseRequest.setHandled(true);
      return;
    }
    String text;
    if ("/metrics".equals(target)) {
      response.setContentType("text/plain; version=0.0.4; charset=utf-8");
      beforeScrape.run();
      text = metrics.scrape();
    } else if ("/".equals(target) || "/health".equals(target)) {
      response.setContentType("text/plain; charset=utf-8");
      text = "Tiergate: Avatica JSON and protobuf on POST /, Prometheus metrics on GET /metrics, status page on GET /ui\n";
    } else {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      text = "Not found: " + target + "\n";
    }
    response.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    baseRequest.setHandled(true);
  }

  private static boolean isJson(byte[] body) {
    for (byte b : body) {
      if (!Character.isWhitespace(b)) {
        return b == '{';
      }
    }
    return false;
  }
}
