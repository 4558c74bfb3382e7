package io.tiergate.lifecycle.admin;

/**
 * Where a tiered table's tiers live and how to measure them; a tier the table does not have
 * is null.
 *
 * @param hotStore the store's name as {@code tiergate.tiers} shows it, e.g. {@code dynamodb}
 */
public record TableStorage(String table, String hotStore, TierMeter hot, String warmStore,
    TierMeter warm, String coldStore, ColdPartitionLister cold) {
}
