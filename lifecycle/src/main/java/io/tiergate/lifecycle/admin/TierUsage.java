package io.tiergate.lifecycle.admin;

/**
 * What one tier of a table holds, as its store reports it.
 *
 * @param rows null when the store cannot say cheaply (e.g. archived objects, unreadable)
 * @param bytes null when the store cannot say
 */
public record TierUsage(Long rows, Long bytes) {
}
