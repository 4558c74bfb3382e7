package io.tiergate.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiergate.lifecycle.admin.Caller;
import io.tiergate.server.config.TiergateConfig;
import io.tiergate.server.config.TiergateConfig.UserConfig;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
  private static TiergateConfig.ServerConfig server(String anonymous) {
    LinkedHashMap<String, UserConfig> users = new LinkedHashMap<>();
    users.put("ops", new UserConfig(PasswordHash.create("s3cret".toCharArray()).toString(),
        List.of("admin")));
    users.put("analyst", new UserConfig(PasswordHash.create("pw".toCharArray()).toString(),
        List.of()));
    return new TiergateConfig.ServerConfig(null, null, users, anonymous);
  }

  @Test void aHashRoundTripsAndMatchesOnlyItsPassword() {
    PasswordHash hash = PasswordHash.create("correct horse".toCharArray());
    PasswordHash parsed = PasswordHash.parse(hash.toString());
    assertThat(parsed).isEqualTo(hash);
    assertThat(parsed.matches("correct horse".toCharArray())).isTrue();
    assertThat(parsed.matches("correct hors".toCharArray())).isFalse();
    assertThat(PasswordHash.create("correct horse".toCharArray()).toString())
        .as("salted").isNotEqualTo(hash.toString());
  }

  @Test void usersGetTheirRolesAndWrongCredentialsNameOnlyTheUser() {
    Authenticator auth = new Authenticator(server(null));
    assertThat(auth.authenticate("ops", "s3cret")).isEqualTo(new Caller("ops", Set.of("admin")));
    assertThat(auth.authenticate("analyst", "pw").roles()).isEmpty();
    assertThatThrownBy(() -> auth.authenticate("ops", "wrong"))
        .isInstanceOf(AuthenticationException.class)
        .hasMessage("Authentication failed for user 'ops': unknown user or wrong password");
    assertThatThrownBy(() -> auth.authenticate("nobody", "s3cret"))
        .hasMessage("Authentication failed for user 'nobody': unknown user or wrong password");
    assertThatThrownBy(() -> auth.authenticate("ops", null))
        .hasMessageContaining("user 'ops'");
  }

  @Test void withoutCredentialsRefusedUnlessAnonymousIsReader() {
    assertThatThrownBy(() -> new Authenticator(server(null)).authenticate(null, null))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageStartingWith("Authentication required: this gateway refuses connections "
            + "without credentials");
    assertThat(new Authenticator(server("reader")).authenticate(null, null))
        .isEqualTo(new Caller("anonymous", Set.of(Caller.READER)));
    assertThatThrownBy(() -> new Authenticator(server("reader")).authenticate("", "s3cret"))
        .hasMessageContaining("a password was given without a user");
  }

  @Test void everyRequestIsCheckedByItsBasicCredentials() {
    Authenticator auth = new Authenticator(server(null));
    String basic = "Basic " + Base64.getEncoder().encodeToString(
        "ops:s3cret".getBytes(StandardCharsets.UTF_8));
    Optional<RequestCredentials> ops = RequestCredentials.fromAuthorization(basic);
    assertThat(ops).contains(new RequestCredentials("ops", "s3cret"));
    assertThat(ops.get().toString()).doesNotContain("s3cret");
    // the second time from the cache of verified credentials: the same caller
    assertThat(auth.authenticateRequest(ops)).isEqualTo(new Caller("ops", Set.of("admin")));
    assertThat(auth.authenticateRequest(ops)).isEqualTo(new Caller("ops", Set.of("admin")));
    assertThatThrownBy(() -> auth.authenticateRequest(
        Optional.of(new RequestCredentials("ops", "s3cre"))))
        .hasMessage("Authentication failed for user 'ops': unknown user or wrong password");
    assertThatThrownBy(() -> auth.authenticateRequest(Optional.empty()))
        .hasMessageStartingWith("Authentication required: this gateway checks credentials on"
            + " every request (HTTP Basic)");
    assertThat(new Authenticator(server("reader")).authenticateRequest(Optional.empty()))
        .isEqualTo(new Caller("anonymous", Set.of(Caller.READER)));
  }

  @Test void aMalformedAuthorizationHeaderSaysWhatIsWrong() {
    assertThat(RequestCredentials.fromAuthorization(null)).isEmpty();
    assertThatThrownBy(() -> RequestCredentials.fromAuthorization("Bearer abc"))
        .hasMessageContaining("HTTP Basic credentials only, got the 'Bearer' scheme");
    assertThatThrownBy(() -> RequestCredentials.fromAuthorization("Basic !!"))
        .hasMessageContaining("not Base64");
    assertThatThrownBy(() -> RequestCredentials.fromAuthorization("Basic "
        + Base64.getEncoder().encodeToString("nocolon".getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("no ':' between user and password");
  }
}
