package io.tiergate.server.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiergate.adapter.AdmissionLimits;
import io.tiergate.adapter.StoreSaturatedException;
import io.tiergate.adapter.StoreUnavailableException;
import io.tiergate.jdbc.shaded.jackson.core.RelocatedParseException;
import io.tiergate.lifecycle.admin.PermissionDeniedException;
import io.tiergate.planner.QueryRefusedException;
import io.tiergate.planner.manifest.ArchivedDataException;
import io.tiergate.planner.manifest.ColdStorageRun;
import io.tiergate.server.auth.AuthenticationException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.validate.SqlValidatorException;
import org.junit.jupiter.api.Test;

/** The reason and kind found behind the wrappers a failure reaches the handler in. */
class ErrorTranslationTest {
  /** How Avatica's JdbcMeta and Calcite's JDBC layer wrap a reason raised while preparing. */
  private static RuntimeException wrapped(Throwable reason) {
    return new RuntimeException(new SQLException("Error while preparing statement [SELECT 1]",
        new RuntimeException("java.lang.RuntimeException: inner", reason)));
  }

  /** {@code e}, as if thrown by a method of {@code className}. */
  private static <T extends Throwable> T thrownBy(T e, String className) {
    e.setStackTrace(new StackTraceElement[] {
        new StackTraceElement(className, "run", "Some.java", 1)});
    return e;
  }

  @Test void aValidatorErrorIsItsMessageAndPosition() {
    CalciteContextException context = new CalciteContextException("From line 1, column 8 to "
        + "line 1, column 11: Column 'nope' not found in any table",
        new SqlValidatorException("Column 'nope' not found in any table", null), 1, 8, 1, 11);
    ClientError error = ErrorTranslation.translate(wrapped(context));
    assertThat(error.kind()).isEqualTo(ErrorKind.UNKNOWN_COLUMN);
    assertThat(error.reason())
        .isEqualTo("Column 'nope' not found in any table (line 1, column 8)");
  }

  @Test void validatorMessagesTellTheKind() {
    assertThat(CalciteErrors.validationKind("Object 'no_such' not found"))
        .isEqualTo(ErrorKind.UNKNOWN_TABLE);
    assertThat(CalciteErrors.validationKind("Table 'x' not found; did you mean 'y'?"))
        .isEqualTo(ErrorKind.UNKNOWN_TABLE);
    assertThat(CalciteErrors.validationKind("Cannot apply '+' to arguments of type "
        + "'<VARCHAR> + <BOOLEAN>'. Supported form(s): ...")).isEqualTo(ErrorKind.TYPE_MISMATCH);
    assertThat(CalciteErrors.validationKind("No match found for function signature NOPE()"))
        .isEqualTo(ErrorKind.UNKNOWN_FUNCTION);
    assertThat(CalciteErrors.validationKind("Aggregate expression is illegal in WHERE clause"))
        .isEqualTo(ErrorKind.INVALID_STATEMENT);
  }

  @Test void refusalsAndAccessKeepTheirMessages() {
    assertThat(ErrorTranslation.translate(wrapped(new PermissionDeniedException(
        "Permission denied: CALL tiergate.restore needs the admin role"))))
        .isEqualTo(new ClientError(ErrorKind.PERMISSION_DENIED,
            "Permission denied: CALL tiergate.restore needs the admin role"));
    assertThat(ErrorTranslation.translate(new AuthenticationException("Authentication failed "
        + "for user 'x': unknown user or wrong password")).kind())
        .isEqualTo(ErrorKind.AUTHENTICATION_FAILED);
    assertThat(ErrorTranslation.translate(wrapped(new QueryRefusedException(
        QueryRefusedException.UNIQUE_VIOLATION, "a row with the key ... already exists"))).kind())
        .isEqualTo(ErrorKind.UNIQUE_VIOLATION);
    assertThat(ErrorTranslation.translate(wrapped(new QueryRefusedException(
        "DELETE on tiered table 'events' is not supported"))).kind())
        .isEqualTo(ErrorKind.NOT_SUPPORTED);
    ArchivedDataException archived = new ArchivedDataException("events", List.of(
        ColdStorageRun.of(0, 86_400_000L, "DEEP_ARCHIVE", true)), "dt");
    ClientError error = ErrorTranslation.translate(wrapped(archived));
    assertThat(error.kind()).isEqualTo(ErrorKind.ARCHIVED_NOT_RESTORED);
    assertThat(error.kind().sqlState()).isEqualTo("55000");
    assertThat(error.reason()).startsWith("Table 'events': the query needs 1 cold partition")
        .contains("CALL tiergate.restore('events', TIMESTAMP '1970-01-01 00:00:00'");
  }

  @Test void aStoreThatCannotBeReachedIsNamedWithWhere() {
    SQLException postgres = thrownBy(new SQLException("Connection to 127.0.0.1:5439 refused. "
        + "Check that the hostname and port are correct.", "08001",
        new ConnectException("Connection refused")), "org.postgresql.core.v3.ConnectionFactory");
    RuntimeException calcite = new RuntimeException("While executing SQL [SELECT ...] on JDBC "
        + "sub-schema", postgres);
    ClientError error = ErrorTranslation.translate(wrapped(calcite));
    assertThat(error.kind()).isEqualTo(ErrorKind.STORE_UNAVAILABLE);
    assertThat(error.reason()).startsWith("Redshift: Connection to 127.0.0.1:5439 refused.")
        .doesNotContain("While executing SQL").doesNotContain("java.");
    assertThat(ErrorTranslation.translate(wrapped(new StoreUnavailableException("Redis at "
        + "10.0.0.1:6379 is unreachable: connection refused", null))))
        .isEqualTo(new ClientError(ErrorKind.STORE_UNAVAILABLE,
            "Redis at 10.0.0.1:6379 is unreachable: connection refused"));
  }

  @Test void aSaturatedStoreIsNotAnUnreachableOneAndSaysWhatToDo() {
    StoreSaturatedException saturated = new StoreSaturatedException("athena",
        StoreSaturatedException.Reason.WAITED_TOO_LONG, Duration.ofMillis(60_012), 40,
        AdmissionLimits.DEFAULT);
    // Calcite's JDBC enumerable wraps what getConnection threw.
    ClientError error = ErrorTranslation.translate(wrapped(new RuntimeException(
        "Exception while reading from JDBC sub-schema", saturated)));
    assertThat(error).isEqualTo(new ClientError(ErrorKind.STORE_SATURATED, "athena is "
        + "saturated: all 16 of its connections are busy; waited 60.0 s, the most a query "
        + "waits, in a queue of 40. Retry later; if this is the usual load, raise "
        + "stores.admission.connections (when athena can run more queries at once), "
        + "stores.admission.queue or stores.admission.max-wait"));
    assertThat(error.kind().sqlState()).isEqualTo("53300");
  }

  @Test void aStoreThatFailsAQueryGivesItsOwnReason() {
    SQLException trino = thrownBy(new SQLException("Query failed (#20261201_1): Error opening "
        + "Hive split s3://tiergate-cold/events/dt=2020-01-01/part-0.parquet: not a Parquet "
        + "file"), "io.trino.jdbc.AbstractTrinoResultSet");
    ClientError error = ErrorTranslation.translate(wrapped(new RuntimeException(
        "While executing SQL [SELECT ...] on JDBC sub-schema", trino)));
    assertThat(error.kind()).isEqualTo(ErrorKind.STORE_FAILED);
    assertThat(error.reason()).isEqualTo("Athena: " + trino.getMessage());
  }

  @Test void anArgumentTiergateRefusesIsAnInvalidArgument() {
    IllegalArgumentException tier = thrownBy(new IllegalArgumentException(
        "Unknown retrieval tier 'FAST'"), "io.tiergate.adapter.s3.RetrievalTier");
    assertThat(ErrorTranslation.translate(wrapped(tier)))
        .isEqualTo(new ClientError(ErrorKind.INVALID_ARGUMENT, "Unknown retrieval tier 'FAST'"));
  }

  /**
   * A body Avatica's JSON service cannot parse, whichever copy of it is loaded: the driver's jar
   * on the server's classpath carries one whose Jackson is relocated under io.tiergate, which is
   * still not Tiergate refusing something.
   */
  @Test void aRequestThatDoesNotParseIsAProtocolErrorWithJacksonRelocatedOrNot() {
    ClientError relocated = ErrorTranslation.translate(new RuntimeException(
        new RelocatedParseException("Unrecognized token 'nonsense'")));
    assertThat(relocated.kind()).isEqualTo(ErrorKind.PROTOCOL_ERROR);
    assertThat(relocated.reason()).startsWith("The gateway cannot read the request")
        .doesNotContain("nonsense");
    ClientError plain = ErrorTranslation.translate(new RuntimeException(
        new com.fasterxml.jackson.core.JsonParseException(null, "Unrecognized token")));
    assertThat(plain.kind()).isEqualTo(ErrorKind.PROTOCOL_ERROR);
  }

  @Test void constantsCalciteFailedToComputeAreDataErrors() {
    assertThat(ErrorTranslation.translate(wrapped(new ExceptionInInitializerError(
        new ArithmeticException("/ by zero")))))
        .isEqualTo(new ClientError(ErrorKind.DATA_ERROR, "Division by zero"));
    NoClassDefFoundError again = new NoClassDefFoundError("Could not initialize class Baz$6$1");
    again.initCause(new ExceptionInInitializerError("Exception java.lang.NumberFormatException: "
        + "For input string: \"abc\" [in thread \"qtp-94\"]"));
    assertThat(ErrorTranslation.translate(again))
        .isEqualTo(new ClientError(ErrorKind.DATA_ERROR, "'abc' is not a number"));
  }

  @Test void aFaultOfTheGatewaySaysSoWithoutItsInternals() {
    ClientError error = ErrorTranslation.translate(wrapped(new NullPointerException(
        "Cannot invoke \"java.lang.String.length()\" because \"s\" is null")));
    assertThat(error.kind()).isEqualTo(ErrorKind.INTERNAL_ERROR);
    assertThat(error.reason()).doesNotContain("java").doesNotContain("null");
  }

  @Test void classNamesAreLeftOutOfMessages() {
    assertThat(Messages.clean("Error executing query: java.net.ConnectException: Failed to "
        + "connect to /127.0.0.1:8080"))
        .isEqualTo("Error executing query: Failed to connect to /127.0.0.1:8080");
    assertThat(Messages.clean("line one\n  line two")).isEqualTo("line one line two");
  }

  @Test void theMessageCarriesTheErrorIdAfterTheReason() {
    assertThat(new ClientError(ErrorKind.SYNTAX_ERROR, "Syntax error").message("7f3a9c12"))
        .isEqualTo("Syntax error [error id 7f3a9c12]");
    assertThat(ErrorResponses.newId()).matches("[0-9a-f]{8}");
  }
}
