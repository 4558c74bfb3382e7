package io.tiergate.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLSyntaxErrorException;
import java.util.List;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.junit.jupiter.api.Test;

/** The gateway's message first, with its state and code, however Avatica's client wrapped it. */
class ServerErrorsTest {
  private static final String REASON = "Column 'nope' not found in any table (line 1, column 8)"
      + " [error id 7f3a9c12]";

  /** What Avatica's ErrorResponse.toException makes of the gateway's error. */
  private static AvaticaClientRuntimeException remote(String state, int code) {
    return new AvaticaClientRuntimeException("Remote driver error: " + REASON, code, state,
        AvaticaSeverity.ERROR, List.of(), null);
  }

  @Test void theRemoteErrorBecomesTheGatewaysMessage() {
    SQLException e = ServerErrors.of(new RuntimeException(remote("42703", 1003)));
    assertThat((Throwable) e).isInstanceOf(SQLSyntaxErrorException.class).hasMessage(REASON);
    assertThat(e.getSQLState()).isEqualTo("42703");
    assertThat(e.getErrorCode()).isEqualTo(1003);
    assertThat((Throwable) ServerErrors.of(new IllegalStateException("not from the gateway")))
        .isNull();
  }

  @Test void avaticasWrapperIsTakenOff() {
    AvaticaSqlException wrapped = new AvaticaSqlException("Error while executing SQL \"SELECT "
        + "nope FROM events\": Remote driver error: " + REASON, "42703", 1003, List.of(), null);
    assertThat(wrapped.getMessage()).startsWith("Error 1003 (42703) : Error while executing");
    SQLException e = ServerErrors.reasonFirst(wrapped);
    assertThat((Throwable) e).hasMessage(REASON);
    assertThat(e.getSQLState()).isEqualTo("42703");
    SQLException local = new SQLException("Statement closed");
    assertThat((Throwable) ServerErrors.reasonFirst(local)).isSameAs(local);
  }

  @Test void theStatesClassPicksTheJdbcSubclass() {
    assertThat((Throwable) ServerErrors.sqlException("m", "22007", 2002))
        .isInstanceOf(SQLDataException.class);
    assertThat((Throwable) ServerErrors.sqlException("m", "28P01", 3001))
        .isInstanceOf(SQLInvalidAuthorizationSpecException.class);
    assertThat(ServerErrors.sqlException("m", "XX000", 9001).getClass())
        .isEqualTo(SQLException.class);
  }
}
