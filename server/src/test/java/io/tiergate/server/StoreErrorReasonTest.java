package io.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The store's reason reaches the client's message, once, whatever wraps it. */
class StoreErrorReasonTest {
  @Test void aStoreReasonHiddenInTheCauseIsAppended() {
    SQLException trino = new SQLException("Query failed (#20261201_1): Error opening Hive split "
        + "s3://tiergate-cold/events/dt=2020-01-01/part-00000.parquet: not a Parquet file");
    RuntimeException calcite = new RuntimeException(new SQLException(
        "Error while executing SQL \"SELECT ...\": While executing SQL [SELECT ...] on JDBC "
            + "sub-schema", new org.apache.calcite.runtime.CalciteException("While executing "
            + "SQL [SELECT ...] on JDBC sub-schema", trino)));
    RuntimeException sent = StoreErrorReason.withReason(calcite);
    assertThat(sent.getMessage()).endsWith(": " + trino.getMessage())
        .contains("s3://tiergate-cold/events/dt=2020-01-01/part-00000.parquet");
    assertThat(sent.getCause()).isSameAs(calcite);
  }

  @Test void aMessageThatAlreadySaysItIsLeftAlone() {
    SQLException pg = new SQLException("ERROR: relation \"analytics.nope\" does not exist");
    RuntimeException e = new RuntimeException("Failed: " + pg.getMessage(), pg);
    assertThat(StoreErrorReason.withReason(e)).isSameAs(e);
  }

  @Test void calcitesOwnErrorsAreNotAStoreReason() {
    RuntimeException e = new RuntimeException("Object 'nope' not found",
        new org.apache.calcite.runtime.CalciteContextException("From line 1, column 15 to line"
            + " 1, column 18: Object 'nope' not found", new RuntimeException("inner")));
    assertThat(StoreErrorReason.withReason(e)).isSameAs(e);
  }
}
