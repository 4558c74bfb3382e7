package io.tiergate.server.error;

import io.tiergate.adapter.redis.RedisScanForbiddenException;
import io.tiergate.lifecycle.admin.PermissionDeniedException;
import io.tiergate.planner.QueryRefusedException;
import io.tiergate.planner.cost.CostLimitExceededException;
import io.tiergate.planner.manifest.ArchivedDataException;
import io.tiergate.server.auth.AuthenticationException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Service;

/**
 * Any exception a request ended in, as the one {@link ClientError} the client is told. What
 * reaches the gateway's Avatica handler is the reason wrapped by Calcite ("Error while
 * executing SQL ..."), by Avatica's JDBC layer and by reflection; the reason is found by its
 * type wherever it is in the chain, the most specific first: an error that knows its kind, then
 * the user's credentials and rights, a refusal, the SQL itself, a cancellation, a store, a value.
 * Whatever is left is the gateway's own fault, told as such without its internals.
 */
public final class ErrorTranslation {
  /** How Java 17 names the exception a class initializer failed with, once it failed. */
  private static final Pattern INITIALIZER_FAILURE = Pattern.compile(
      "Exception java\\.lang\\.(ArithmeticException|NumberFormatException): (.*?)"
          + "(?: \\[in thread .*\\])?", Pattern.DOTALL);
  private static final Pattern FOR_INPUT_STRING = Pattern.compile(
      "For input string: \"(.*)\"(?: under radix \\d+)?", Pattern.DOTALL);

  /**
   * Where the Tiergate driver's jar relocates Jackson and protobuf. The server has that jar on
   * its classpath too, with Avatica's classes unrelocated: when its copy of Avatica's JSON
   * service is the one loaded, a request it cannot read fails with Jackson's exception under
   * this name, which is not Tiergate's own code.
   */
  private static final String SHADED = "io.tiergate.jdbc.shaded.";

  /** Where to look for the reason, in this order; each answers null when it finds none. */
  private static final List<Function<List<Throwable>, ClientError>> FINDERS = List.of(
      ErrorTranslation::known, CalciteErrors::find, ErrorTranslation::cancelled,
      StoreErrors::find, ErrorTranslation::dataError, ErrorTranslation::unreadableRequest,
      ErrorTranslation::raisedByTiergate);

  private static final ClientError INTERNAL = new ClientError(ErrorKind.INTERNAL_ERROR,
      "Internal error in the gateway; the server log has the details under the error id");

  private ErrorTranslation() {
  }

  public static ClientError translate(Throwable e) {
    List<Throwable> chain = Causes.of(e);
    ClientError found = FINDERS.stream().map(finder -> finder.apply(chain))
        .filter(Objects::nonNull).findFirst().orElse(INTERNAL);
    return new ClientError(found.kind(), Messages.clean(found.reason()));
  }

  /** Exceptions whose type says what they are. */
  private static ClientError known(List<Throwable> chain) {
    ClientErrorException classified = Causes.first(chain, ClientErrorException.class);
    if (classified != null) {
      return new ClientError(classified.kind(), classified.getMessage());
    }
    NoSuchConnectionException gone = Causes.first(chain, NoSuchConnectionException.class);
    if (gone != null) {
      return new ClientError(ErrorKind.NO_SUCH_CONNECTION, "The gateway has no connection "
          + gone.getConnectionId() + " (it restarted, closed it, or it was idle longer than"
          + " server.limits.idle-connection-timeout); connect again");
    }
    AuthenticationException auth = Causes.first(chain, AuthenticationException.class);
    if (auth != null) {
      return new ClientError(auth.credentialsMissing() ? ErrorKind.AUTHENTICATION_REQUIRED
          : ErrorKind.AUTHENTICATION_FAILED, auth.getMessage());
    }
    PermissionDeniedException denied = Causes.first(chain, PermissionDeniedException.class);
    if (denied != null) {
      return new ClientError(ErrorKind.PERMISSION_DENIED, denied.getMessage());
    }
    ArchivedDataException archived = Causes.first(chain, ArchivedDataException.class);
    if (archived != null) {
      return new ClientError(ErrorKind.ARCHIVED_NOT_RESTORED, archived.getMessage());
    }
    CostLimitExceededException cost = Causes.first(chain, CostLimitExceededException.class);
    if (cost != null) {
      return new ClientError(ErrorKind.COST, cost.getMessage());
    }
    QueryRefusedException refused = Causes.first(chain, QueryRefusedException.class);
    if (refused != null) {
      return new ClientError(refusal(refused.sqlState()), refused.getMessage());
    }
    RedisScanForbiddenException scan = Causes.first(chain, RedisScanForbiddenException.class);
    if (scan != null) {
      return new ClientError(ErrorKind.LIMIT_EXCEEDED, scan.getMessage());
    }
    AvaticaRuntimeException avatica = Causes.first(chain, AvaticaRuntimeException.class);
    if (avatica != null && !Service.ErrorResponse.UNKNOWN_SQL_STATE.equals(
        avatica.getSqlState())) {
      return new ClientError(bySqlState(avatica.getSqlState(), ErrorKind.INVALID_STATEMENT),
          avatica.getErrorMessage());
    }
    return null;
  }

  private static ErrorKind refusal(String sqlState) {
    return bySqlState(sqlState, ErrorKind.NOT_SUPPORTED);
  }

  private static ErrorKind bySqlState(String sqlState, ErrorKind otherwise) {
    for (ErrorKind kind : ErrorKind.values()) {
      if (kind.sqlState().equals(sqlState)) {
        return kind;
      }
    }
    return otherwise;
  }

  /** Calcite's statement timeout and cancel, and a store's (SQLState 57014). */
  private static ClientError cancelled(List<Throwable> chain) {
    for (Throwable t : chain) {
      if (t instanceof SQLTimeoutException
          || t.getClass().getName().equals("org.apache.calcite.jdbc.SqlTimeoutException")) {
        return new ClientError(ErrorKind.CANCELLED, "The statement was stopped: it ran past "
            + "its query timeout");
      }
      if (t instanceof SQLException s && "57014".equals(s.getSQLState())
          && StoreErrors.store(t) == null) {
        return new ClientError(ErrorKind.CANCELLED, "The statement was cancelled");
      }
      if (t instanceof java.util.concurrent.CancellationException) {
        return new ClientError(ErrorKind.CANCELLED, "The statement was cancelled");
      }
    }
    return null;
  }

  /** A value the statement computes with that it cannot: what Java's arithmetic says. */
  private static ClientError dataError(List<Throwable> chain) {
    ArithmeticException arithmetic = Causes.first(chain, ArithmeticException.class);
    if (arithmetic != null) {
      return new ClientError(ErrorKind.DATA_ERROR, arithmetic(arithmetic.getMessage()));
    }
    NumberFormatException number = Causes.first(chain, NumberFormatException.class);
    if (number != null) {
      return new ClientError(ErrorKind.DATA_ERROR, notANumber(number.getMessage()));
    }
    // Calcite's generated code computes constants in a static initializer; once that failed,
    // the class (kept with the cached plan) fails again with NoClassDefFoundError whose cause
    // only names the first exception: "Exception java.lang.ArithmeticException: / by zero
    // [in thread ...]".
    for (Throwable t : chain) {
      Matcher m = t instanceof ExceptionInInitializerError && t.getMessage() != null
          ? INITIALIZER_FAILURE.matcher(t.getMessage()) : null;
      if (m != null && m.matches()) {
        return new ClientError(ErrorKind.DATA_ERROR, m.group(1).equals("ArithmeticException")
            ? arithmetic(m.group(2)) : notANumber(m.group(2)));
      }
    }
    return null;
  }

  private static String arithmetic(String message) {
    return String.valueOf(message).contains("by zero") ? "Division by zero"
        : "Arithmetic error: " + message;
  }

  private static String notANumber(String message) {
    Matcher m = FOR_INPUT_STRING.matcher(String.valueOf(message));
    return m.matches() ? "'" + m.group(1) + "' is not a number" : "Not a number: " + message;
  }

  /** A request body Avatica's JSON (Jackson) or protobuf decoding could not read. */
  private static ClientError unreadableRequest(List<Throwable> chain) {
    for (Throwable t : chain) {
      String name = t.getClass().getName();
      if (name.startsWith(SHADED)) {
        name = name.substring(SHADED.length());
      }
      if (name.startsWith("com.fasterxml.jackson.") || name.startsWith("jackson.")
          || name.equals("com.google.protobuf.InvalidProtocolBufferException")
          || name.equals("protobuf.InvalidProtocolBufferException")) {
        return new ClientError(ErrorKind.PROTOCOL_ERROR, "The gateway cannot read the request: "
            + "it is not an Avatica request of the version it speaks (Avatica 1.28, JSON or "
            + "protobuf)");
      }
    }
    return null;
  }

  /**
   * An exception Tiergate's own code threw on purpose, whose message was written for the user
   * ("Unknown retrieval tier 'FAST'", "Table 'nosuch' has no lifecycle to run"). A
   * NullPointerException or the like is a fault, not one of these.
   */
  private static ClientError raisedByTiergate(List<Throwable> chain) {
    for (Throwable t : chain) {
      String message = t.getMessage();
      if (message == null || message.isBlank() || t.getStackTrace().length == 0
          || !isTiergate(t.getStackTrace()[0].getClassName())) {
        continue;
      }
      if (t instanceof IllegalArgumentException) {
        return new ClientError(ErrorKind.INVALID_ARGUMENT, message);
      }
      if (t instanceof UnsupportedOperationException) {
        return new ClientError(ErrorKind.NOT_SUPPORTED, message);
      }
      if (t instanceof IllegalStateException || isTiergate(t.getClass().getName())) {
        return new ClientError(ErrorKind.NOT_IN_STATE, message);
      }
    }
    return null;
  }

  /** Tiergate's own code, not a library the driver's jar carries relocated. */
  private static boolean isTiergate(String className) {
    return className.startsWith("io.tiergate.") && !className.startsWith(SHADED);
  }
}
