/**
 * Athena through its API (AWS SDK v2), for {@code stores.athena.mode: sdk}.
 *
 * <p>{@link io.tiergate.adapter.athena.SdkAthenaExecutor} runs a statement: StartQueryExecution
 * (workgroup, output location, result reuse by age, ExecutionParameters for {@code ?}s), then
 * GetQueryExecution with a doubling wait until SUCCEEDED, FAILED or CANCELLED (an
 * {@link io.tiergate.adapter.athena.AthenaQueryException} with Athena's StateChangeReason and the
 * query id) or the query timeout (StopQueryExecution), then GetQueryResults a page at a time as
 * rows are read. {@link io.tiergate.adapter.athena.AthenaDataSource} puts that behind the JDBC
 * calls Calcite's JDBC schema makes, so planning and SQL generation are the same in both modes
 * (the dialect, the ordering hoist); every other JDBC method throws
 * {@code SQLFeatureNotSupportedException} naming itself.
 *
 * <p>Not here: the Trino JDBC path ({@code io.tiergate.adapter.jdbc}, the local default), and
 * the API stand-in used by tests ({@code io.tiergate.local.athena} in local-stack).
 */
package io.tiergate.adapter.athena;
