/**
 * What each client statement did, once it is done: the per-query meters
 * ({@code tiergate_query_seconds} by the tiers it read and how it ended, rows returned,
 * refusals by kind) and the bounded log behind {@code tiergate.queries}. The tiers a statement
 * read come from the native requests its stores counted into its
 * {@link io.tiergate.planner.exec.ExecutionScope}, not from its plan. This package follows
 * Avatica's statement handles; it knows no store and no SQL beyond masking literals.
 */
package io.tiergate.server.query;
