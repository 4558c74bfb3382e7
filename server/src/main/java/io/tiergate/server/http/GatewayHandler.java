package io.tiergate.server.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.server.AvaticaHandler;
import org.apache.calcite.avatica.server.AvaticaJsonHandler;
import org.apache.calcite.avatica.server.AvaticaProtobufHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;

/**
 * The gateway's one HTTP port: Avatica in both serializations plus {@code GET /metrics}.
 * Avatica's handlers each speak one serialization; a JSON request is a JSON object (starts
 * with '{'), a protobuf {@code WireMessage} starts with its field tag, so the first non-blank
 * byte tells them apart.
 */
public final class GatewayHandler extends AbstractHandler implements AvaticaHandler {
  private final AvaticaJsonHandler json;
  private final AvaticaProtobufHandler protobuf;
  private final PrometheusMeterRegistry metrics;

  public GatewayHandler(Service service, PrometheusMeterRegistry metrics) {
    this.json = new AvaticaJsonHandler(service);
    this.protobuf = new AvaticaProtobufHandler(service);
    this.metrics = metrics;
  }

  @Override protected void doStart() throws Exception {
    json.setServer(getServer());
    protobuf.setServer(getServer());
    json.start();
    protobuf.start();
    super.doStart();
  }

  @Override protected void doStop() throws Exception {
    super.doStop();
    json.stop();
    protobuf.stop();
  }

  @Override public void setServerRpcMetadata(Service.RpcMetadataResponse metadata) {
    json.setServerRpcMetadata(metadata);
    protobuf.setServerRpcMetadata(metadata);
  }

  @Override public void handle(String target, Request baseRequest, HttpServletRequest request,
      HttpServletResponse response) throws IOException, ServletException {
    if ("GET".equals(request.getMethod())) {
      handleGet(target, baseRequest, response);
      return;
    }
    byte[] body = request.getInputStream().readAllBytes();
    HttpServletRequest replay = new ReplayedRequest(request, body);
    if (isJson(body)) {
      json.handle(target, baseRequest, replay, response);
    } else {
      protobuf.handle(target, baseRequest, replay, response);
    }
  }

  private void handleGet(String target, Request baseRequest, HttpServletResponse response)
      throws IOException {
    String text;
    if ("/metrics".equals(target)) {
      response.setContentType("text/plain; version=0.0.4; charset=utf-8");
      text = metrics.scrape();
    } else if ("/".equals(target) || "/health".equals(target)) {
      response.setContentType("text/plain; charset=utf-8");
      text = "Tiergate: Avatica JSON and protobuf on POST /, Prometheus metrics on GET /metrics\n";
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

  /** A request whose body, already read, can be read again. */
  private static final class ReplayedRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    ReplayedRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override public int read() {
          return in.read();
        }

        @Override public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override public boolean isFinished() {
          return in.available() == 0;
        }

        @Override public boolean isReady() {
          return true;
        }

        @Override public void setReadListener(javax.servlet.ReadListener listener) {
          throw new UnsupportedOperationException();
        }
      };
    }
  }
}
