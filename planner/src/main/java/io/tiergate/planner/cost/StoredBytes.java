package io.tiergate.planner.cost;

/**
 * What a tier's store holds for a time range, from its listing: the bytes of the day partitions
 * the range meets, how many partitions and objects.
 */
public record StoredBytes(long bytes, int partitions, long objects) {
}
