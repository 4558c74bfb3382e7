package io.tiergate.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tiergate.lifecycle.admin.Caller;
import io.tiergate.server.error.ClientErrorException;
import io.tiergate.server.error.ErrorKind;
import java.time.Duration;
import org.apache.calcite.avatica.remote.Service;

/**
 * Avatica's service, with every request authenticated and allowed to act only on connections
 * its own user opened. Avatica names a connection by an id the client chose, which travels with
 * every request; without this, anyone who saw an admin's id could run statements on it.
 *
 * <p>Every request type of {@link Service} passes here, so a request type a newer Avatica adds
 * is a compile error until it is checked too.
 */
public final class AuthenticatedService implements Service {
  private final Service delegate;
  private final Authenticator authenticator;
  private final int connectionsPerUser;
  /**
   * The user who opened each connection. An entry lives as long as the connection it names: it
   * is dropped when the connection closes, and after the same idle time as the connection.
   */
  private final Cache<String, String> owners;

  public AuthenticatedService(Service delegate, Authenticator authenticator,
      int connectionsPerUser, Duration idleConnectionTimeout) {
    this.delegate = delegate;
    this.authenticator = authenticator;
    this.connectionsPerUser = connectionsPerUser;
    this.owners = Caffeine.newBuilder().expireAfterAccess(idleConnectionTimeout).build();
  }

  /** The caller the current request's credentials name. */
  private Caller caller() {
    RequestScope scope = RequestScope.current().orElseThrow(() -> new IllegalStateException(
        "An Avatica request outside an HTTP request: nothing to authenticate it by"));
    Caller caller = authenticator.authenticateRequest(scope.credentials());
    scope.authenticated(caller);
    return caller;
  }

  /** Authenticates the request, which must be by the user that opened {@code connectionId}. */
  private void actOn(String connectionId) {
    Caller caller = caller();
    String owner = owners.getIfPresent(connectionId);
    // An unknown id passes on: Avatica's own "connection not found" is the right answer.
    if (owner != null && !owner.equals(caller.user())) {
      challengeIfWithoutCredentials("connection " + connectionId + " needs its user's"
          + " credentials with every request");
      throw new AuthenticationException("Authentication failed: connection " + connectionId
          + " was not opened by user '" + caller.user() + "'; a request may act only on"
          + " connections its own user opened");
    }
  }

  /**
   * A request without credentials, where the client may well have some: Avatica's client sends
   * them only once challenged, so it is answered with a challenge (and this error, for a client
   * that has none to send).
   */
  private static void challengeIfWithoutCredentials(String what) {
    RequestScope scope = RequestScope.current().orElseThrow();
    if (scope.credentials().isEmpty()) {
      scope.challenge();
      throw AuthenticationException.required("Authentication required: " + what + " (HTTP"
          + " Basic), as the Tiergate driver sends them when it has user and password");
    }
  }

  @Override public OpenConnectionResponse apply(OpenConnectionRequest request) {
    String claimed = request.info == null ? null : request.info.get("user");
    if (claimed != null && !claimed.isEmpty()) {
      challengeIfWithoutCredentials("user '" + claimed + "' must send the credentials with"
          + " every request");
    }
    Caller caller = caller();
    long open = owners.asMap().values().stream().filter(caller.user()::equals).count();
    if (open >= connectionsPerUser) {
      throw new ClientErrorException(ErrorKind.LIMIT_EXCEEDED, "Too many connections: user '"
          + caller.user() + "' has " + open + " open, the limit of"
          + " server.limits.connections-per-user; close connections you no longer use (idle"
          + " ones close by themselves after server.limits.idle-connection-timeout)");
    }
    String owner = owners.asMap().putIfAbsent(request.connectionId, caller.user());
    if (owner != null) {
      throw new AuthenticationException("Authentication failed: connection "
          + request.connectionId + " is open already; open a connection with a new id");
    }
    try {
      return delegate.apply(request);
    } catch (RuntimeException e) {
      owners.invalidate(request.connectionId);
      throw e;
    }
  }

  @Override public CloseConnectionResponse apply(CloseConnectionRequest request) {
    actOn(request.connectionId);
    CloseConnectionResponse response = delegate.apply(request);
    owners.invalidate(request.connectionId);
    return response;
  }

  @Override public ResultSetResponse apply(CatalogsRequest request) {
    actOn(request.connectionId);
    return delegate.apply(request);
  }

  @Override public ResultSetResponse apply(SchemasRequest request) {
    actOn(request.connectionId);
    return delegate.apply(request);
  }

  @Override public ResultSetResponse apply(TablesRequest request) {
    actOn(request.connectionId);
    return delegate.apply(request);
  }

  @Override public ResultSetResponse apply(TableTypesRequest request) {
    actOn(request.connectionId);
    return delegate.apply(request);
  }

  @Override public ResultSetResponse apply(TypeInfoRequest request) {
    actOn(request.connectionId);
    return delegate.apply(request);
  }

  @Override public ResultSetResponse apply(ColumnsRequest request) {
    actOn(request.connectionId);
    return delegate.apply(request);
  }

  @Override public PrepareResponse apply(PrepareRequest request) {
    actOn(request.connectionId);
    return delegate.apply(request);
  }

  @Override public ExecuteResponse apply(ExecuteRequest request) {
    actOn(request.statementHandle.connectionId);
    return delegate.apply(request);
  }

  @Override public ExecuteResponse apply(PrepareAndExecuteRequest request) {
    actOn(request.connectionId);
    return delegate.apply(request);
  }

  @Override public SyncResultsResponse apply(SyncResultsRequest request) {
    actOn(request.connectionId);
    return delegate.apply(request);
  }

  @Override public FetchResponse apply(FetchRequest request) {
    actOn(request.connectionId);
    return delegate.apply(request);
  }

  @Override public CreateStatementResponse apply(CreateStatementRequest request) {
    actOn(request.connectionId);
    return delegate.apply(request);
  }

  @Override public CloseStatementResponse apply(CloseStatementRequest request) {
    actOn(request.connectionId);
    return delegate.apply(request);
  }

  @Override public ConnectionSyncResponse apply(ConnectionSyncRequest request) {
    actOn(request.connectionId);
    return delegate.apply(request);
  }

  @Override public DatabasePropertyResponse apply(DatabasePropertyRequest request) {
    actOn(request.connectionId);
    return delegate.apply(request);
  }

  @Override public CommitResponse apply(CommitRequest request) {
    actOn(request.connectionId);
    return delegate.apply(request);
  }

  @Override public RollbackResponse apply(RollbackRequest request) {
    actOn(request.connectionId);
    return delegate.apply(request);
  }

  @Override public ExecuteBatchResponse apply(PrepareAndExecuteBatchRequest request) {
    actOn(request.connectionId);
    return delegate.apply(request);
  }

  @Override public ExecuteBatchResponse apply(ExecuteBatchRequest request) {
    actOn(request.connectionId);
    return delegate.apply(request);
  }

  @Override public void setRpcMetadata(RpcMetadataResponse metadata) {
    delegate.setRpcMetadata(metadata);
  }
}
