/**
 * Time-range extraction: which event times a query's filter can select on a tiered table, so
 * that tiers holding none of them are never asked (ARCHITECTURE.md section 5, steps 3 and 4).
 *
 * <p>Owns {@link io.tiergate.planner.range.TimeRangeSet} (a normalized union of half-open
 * millisecond slices), {@link io.tiergate.planner.range.TimeRangeExtractor} (filter condition to
 * a superset of the selected times, never a subset) and
 * {@link io.tiergate.planner.range.EvaluationContext} (the parameters and statement clock known
 * only at execution). Everything else here is package-private machinery.
 *
 * <p>Pure functions of Calcite's {@code RexNode}s: this package knows no manifest, tier, store or
 * plan shape. Where engines disagree on a value (Calcite, Trino and PostgreSQL round or truncate
 * timestamp precision differently; weeks start on Sunday or Monday) the range covers all of them,
 * because a branch pushed to a store is evaluated by that store.
 */
package io.tiergate.planner.range;
