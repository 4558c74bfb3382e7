package io.tiergate.planner.catalog;

/**
 * A relational operator that is the boundary of a store with its own API (not SQL), such as
 * DynamoDB: it knows the request the whole subtree below it sends, which EXPLAIN shows per tier.
 */
public interface NativeRequestRel {
  /** The request as far as it is known before execution. */
  String nativeRequest();
}
