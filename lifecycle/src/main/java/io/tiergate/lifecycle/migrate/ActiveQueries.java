package io.tiergate.lifecycle.migrate;

/**
 * The queries running on this gateway, by the manifest version each is pinned to: what DRAIN
 * waits on before a migration deletes the source of a slice such a query may still read.
 */
public interface ActiveQueries {
  /** No query tracked: a runner outside a gateway (tools, tests of the stores alone). */
  ActiveQueries NONE = (table, version) -> 0;

  /** How many running queries read {@code table} at a manifest version below {@code version}. */
  int pinnedBefore(String table, long version);
}
