package io.tiergate.server.ui;

import io.tiergate.lifecycle.admin.Caller;
import io.tiergate.server.auth.AuthenticationException;
import io.tiergate.server.auth.Authenticator;
import io.tiergate.server.auth.RequestCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code GET /ui}: the status page, for the admin role only (it shows every user's statement
 * texts). No credentials or wrong ones: 401 with an HTTP Basic challenge, so a browser asks;
 * a user without the admin role: 403 naming the role it needs.
 */
public final class StatusEndpoint {
  private final Authenticator authenticator;
  private final StatusPage page;

  public StatusEndpoint(Authenticator authenticator, StatusPage page) {
    this.authenticator = authenticator;
    this.page = page;
  }

  public void serve(String authorization, HttpServletResponse response) throws IOException {
    Caller caller;
    try {
      Optional<RequestCredentials> credentials =
          RequestCredentials.fromAuthorization(authorization);
      // Anonymous readers are not let in here: without credentials there is no admin.
      if (credentials.isEmpty()) {
        throw new AuthenticationException("Authentication required: the status page is for"
            + " the admin role; sign in with an admin user's name and password (HTTP Basic)");
      }
      caller = authenticator.authenticateRequest(credentials);
    } catch (AuthenticationException e) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"Tiergate\", charset=\"UTF-8\"");
      write(response, HttpServletResponse.SC_UNAUTHORIZED, "text/plain; charset=utf-8",
          e.getMessage() + "\n");
      return;
    }
    if (!caller.hasRole(Caller.ADMIN)) {
      write(response, HttpServletResponse.SC_FORBIDDEN, "text/plain; charset=utf-8",
          "Forbidden: the status page needs the " + Caller.ADMIN + " role and user '"
          + caller.user() + "' has " + caller.roles() + "; sign in as an admin user\n");
      return;
    }
    response.setHeader("Cache-Control", "no-store");
    write(response, HttpServletResponse.SC_OK, "text/html; charset=utf-8",
        StatusHtml.render(page.gather(caller)));
  }

  private static void write(HttpServletResponse response, int status, String type,
      String text) throws IOException {
    response.setStatus(status);
    response.setContentType(type);
    response.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
  }
}
