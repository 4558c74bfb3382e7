/**
 * The gateway's own alerts (ADR-002's cost, performance, transition and capacity alerts): the
 * rules of {@code alerts} evaluated on a schedule against the meters {@code /metrics} shows, a
 * pending, firing and resolved state per rule and group of series, notification to the log and
 * a webhook, and {@code tiergate.alerts}. It reads meters only: what measures a store (Redis
 * memory, the warm store's disk, the tiers' storage) lives in {@code catalog}, so this package
 * knows no store. The rules and metric names match {@code ops/prometheus/tiergate-rules.yml}.
 */
package io.tiergate.server.alert;
