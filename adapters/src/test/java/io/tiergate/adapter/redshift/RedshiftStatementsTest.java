package io.tiergate.adapter.redshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiergate.adapter.redshift.RedshiftConnectionFactory.Engine;
import io.tiergate.adapter.s3.DayPartitionLayout;
import io.tiergate.adapter.s3.S3Location;
import io.tiergate.planner.catalog.ColumnSpec;
import java.time.LocalDate;
import java.util.List;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/**
 * The Redshift-only statements, exactly as sent. Executing them needs AWS (COPY reads S3 with an
 * IAM role; query_group and AUTO REFRESH exist only on Redshift), so these tests assert the text
 * and, for the loader, the JDBC calls recorded by {@link RecordingDataSource} in place of the
 * Redshift driver. Their PostgreSQL counterparts run against the real stand-in in local-stack.
 */
class RedshiftStatementsTest {
  static final WarmTable EVENTS = new WarmTable("analytics.events", "event_time", List.of(
      new ColumnSpec("tenant_id", SqlTypeName.VARCHAR),
      new ColumnSpec("event_id", SqlTypeName.VARCHAR),
      new ColumnSpec("event_time", SqlTypeName.TIMESTAMP),
      new ColumnSpec("kind", SqlTypeName.VARCHAR),
      new ColumnSpec("amount", SqlTypeName.DOUBLE)));
  static final String ROLE = "arn:aws:iam::123456789012:role/tiergate-redshift-copy";
  static final WarmSlice DAY = WarmSlice.day(EVENTS,
      DayPartitionLayout.of(S3Location.parse("s3://tiergate-warm/"), "events"),
      LocalDate.of(2026, 3, 14));

  @Test void copyStatement() {
    assertThat(new RedshiftCopyLoader(new RecordingDataSource(0, null).dataSource(), ROLE)
        .copyStatement(DAY))
        .isEqualTo("COPY analytics.events FROM 's3://tiergate-warm/events/dt=2026-03-14/'"
            + " IAM_ROLE 'arn:aws:iam::123456789012:role/tiergate-redshift-copy'"
            + " FORMAT AS PARQUET");
  }

  @Test void loadDeletesTheSliceAndCopiesInOneTransaction() {
    RecordingDataSource redshift = new RecordingDataSource(1234, null);
    WarmLoader.WarmLoadResult result = new RedshiftCopyLoader(redshift.dataSource(), ROLE)
        .load(DAY);

    assertThat(redshift.calls).containsExactly(
        "setAutoCommit(false)",
        "prepare: DELETE FROM analytics.events WHERE event_time >= ? AND event_time < ?",
        "setObject(1, 2026-03-14T00:00)",
        "setObject(2, 2026-03-15T00:00)",
        "execute: DELETE FROM analytics.events WHERE event_time >= ? AND event_time < ?",
        "execute: COPY analytics.events FROM 's3://tiergate-warm/events/dt=2026-03-14/'"
            + " IAM_ROLE 'arn:aws:iam::123456789012:role/tiergate-redshift-copy'"
            + " FORMAT AS PARQUET",
        "commit",
        "setAutoCommit(true)",
        "close");
    assertThat(result.rowsDeleted()).isEqualTo(1234);
    assertThat(result.rowsLoaded()).isEqualTo(1234);
  }

  @Test void aDayOfSeveralFilesOfAKeyedTableIsMergedNewestLast() {
    WarmTable keyed = new WarmTable(EVENTS.name(), EVENTS.timeColumn(), EVENTS.columns(),
        List.of("tenant_id", "event_id"));
    WarmSlice day = WarmSlice.day(keyed, DayPartitionLayout.of(
        S3Location.parse("s3://tiergate-warm/"), "events"), LocalDate.of(2026, 3, 14)).withFiles(
            List.of("events/dt=2026-03-14/part-00000.parquet",
                "events/dt=2026-03-14/part-00007.parquet"));
    String copy = " IAM_ROLE 'arn:aws:iam::123456789012:role/tiergate-redshift-copy'"
        + " FORMAT AS PARQUET";
    RedshiftCopyLoader loader = new RedshiftCopyLoader(new RecordingDataSource(0, null)
        .dataSource(), ROLE);
    assertThat(loader.mergeStatements(day)).extracting(RedshiftCopyLoader.MergeStatement::sql)
        .containsExactly(
            "COPY analytics.events FROM 's3://tiergate-warm/events/dt=2026-03-14/part-00000"
                + ".parquet'" + copy,
            "CREATE TEMP TABLE tiergate_load_part (LIKE analytics.events)",
            "COPY tiergate_load_part FROM 's3://tiergate-warm/events/dt=2026-03-14/part-00007"
                + ".parquet'" + copy,
            "DELETE FROM analytics.events USING tiergate_load_part"
                + " WHERE events.tenant_id = tiergate_load_part.tenant_id"
                + " AND events.event_id = tiergate_load_part.event_id"
                + " AND events.event_time >= TIMESTAMP '2026-03-14 00:00:00.000'"
                + " AND events.event_time < TIMESTAMP '2026-03-15 00:00:00.000'",
            "INSERT INTO analytics.events SELECT * FROM tiergate_load_part",
            "DELETE FROM tiergate_load_part",
            "DROP TABLE tiergate_load_part");

    // Every statement reports 10 rows here: 10 copied + (10 inserted - 10 replaced).
    RecordingDataSource redshift = new RecordingDataSource(10, null);
    WarmLoader.WarmLoadResult result = new RedshiftCopyLoader(redshift.dataSource(), ROLE)
        .load(day);
    assertThat(result.rowsLoaded()).isEqualTo(10);
    assertThat(result.files()).isEqualTo(2);
    assertThat(redshift.calls).filteredOn(c -> c.startsWith("execute: "))
        .hasSize(8).first().asString().startsWith("execute: DELETE FROM analytics.events WHERE");
    assertThat(redshift.calls).endsWith("commit", "setAutoCommit(true)", "close");

    // One file, or no key: the prefix in one COPY, as before.
    assertThat(new RedshiftCopyLoader(redshift.dataSource(), ROLE).load(day.withFiles(
        List.of("events/dt=2026-03-14/part-00000.parquet"))).rowsLoaded()).isEqualTo(10);
    assertThat(WarmSlice.day(EVENTS, DayPartitionLayout.of(S3Location.parse(
        "s3://tiergate-warm/"), "events"), LocalDate.of(2026, 3, 14)).withFiles(day.files())
        .mergesByKey()).isFalse();
  }

  @Test void aFileOutsideTheSlicesPrefixIsRefused() {
    assertThatThrownBy(() -> DAY.withFiles(List.of("events/dt=2026-03-15/part-00000.parquet")))
        .hasMessage("File events/dt=2026-03-15/part-00000.parquet of the warm slice of"
            + " analytics.events is not under s3://tiergate-warm/events/dt=2026-03-14/");
  }

  @Test void aFailedCopyRollsBackTheDelete() {
    RecordingDataSource redshift = new RecordingDataSource(7, "COPY");
    assertThatThrownBy(() -> new RedshiftCopyLoader(redshift.dataSource(), ROLE).load(DAY))
        .isInstanceOf(WarmLoadException.class)
        .hasMessage("Loading s3://tiergate-warm/events/dt=2026-03-14/ into analytics.events"
            + " (slice [2026-03-14T00:00:00Z, 2026-03-15T00:00:00Z)) failed and was rolled back:"
            + " recorded failure of COPY");
    assertThat(redshift.calls).contains("rollback").doesNotContain("commit");
  }

  @Test void aRoleThatIsNoArnIsRefused() {
    assertThatThrownBy(() -> new RedshiftCopyLoader(new RecordingDataSource(0, null)
        .dataSource(), "tiergate' CREDENTIALS 'x"))
        .hasMessageContaining("is not an IAM role ARN");
  }

  @Test void queryGroupOnRedshiftOnly() {
    RedshiftConnectionFactory redshift = RedshiftConnectionFactory.forUrl(
        "jdbc:redshift://cluster.abc.us-east-1.redshift.amazonaws.com:5439/dev", "dashboards");
    assertThat(redshift.driverClass()).isEqualTo("com.amazon.redshift.jdbc42.Driver");
    assertThat(redshift.connectionInitSql()).contains("SET query_group TO 'dashboards'");

    assertThat(RedshiftConnectionFactory.forUrl("jdbc:redshift://h:5439/dev", null)
        .connectionInitSql()).contains("SET query_group TO 'tiergate'");

    RedshiftConnectionFactory postgres = RedshiftConnectionFactory.forUrl(
        "jdbc:postgresql://127.0.0.1:5432/dev", "dashboards");
    assertThat(postgres.driverClass()).isEqualTo("org.postgresql.Driver");
    assertThat(postgres.connectionInitSql()).isEmpty();
  }

  @Test void badQueryGroupsAndUrlsAreNamed() {
    assertThatThrownBy(() -> RedshiftConnectionFactory.forUrl("jdbc:redshift://h/dev", "a'b"))
        .hasMessage("Redshift query group 'a'b' must be 1-64 letters, digits, '_', '.' or '-'");
    assertThatThrownBy(() -> RedshiftConnectionFactory.forUrl("jdbc:mysql://h/dev", null))
        .hasMessage("Warm store URL 'jdbc:mysql://h/dev' is neither jdbc:redshift: (Redshift)"
            + " nor jdbc:postgresql: (its local stand-in)");
  }

  @Test void dailyRevenueViewDdl() {
    MaterializedView view = MaterializedView.dailyTotals(EVENTS, "kind", "amount");
    assertThat(view.createStatement(Engine.REDSHIFT))
        .isEqualTo("CREATE MATERIALIZED VIEW analytics.daily_amount_by_kind AUTO REFRESH YES AS"
            + " SELECT DATE_TRUNC('day', event_time) AS event_day, kind,"
            + " SUM(amount) AS total, COUNT(*) AS row_count FROM analytics.events"
            + " GROUP BY DATE_TRUNC('day', event_time), kind");
    assertThat(view.createStatement(Engine.POSTGRESQL))
        .isEqualTo("CREATE MATERIALIZED VIEW IF NOT EXISTS analytics.daily_amount_by_kind AS"
            + " SELECT DATE_TRUNC('day', event_time) AS event_day, kind,"
            + " SUM(amount) AS total, COUNT(*) AS row_count FROM analytics.events"
            + " GROUP BY DATE_TRUNC('day', event_time), kind");
    assertThat(view.refreshStatement())
        .isEqualTo("REFRESH MATERIALIZED VIEW analytics.daily_amount_by_kind");
  }

  @Test void aViewOverAMissingColumnIsNamed() {
    assertThatThrownBy(() -> MaterializedView.dailyTotals(EVENTS, "region", "amount"))
        .hasMessage("Warm table analytics.events has no column 'region' among"
            + " [tenant_id, event_id, event_time, kind, amount]");
  }
}
