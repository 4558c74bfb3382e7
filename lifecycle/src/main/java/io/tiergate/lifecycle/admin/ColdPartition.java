package io.tiergate.lifecycle.admin;

import java.time.LocalDate;

/**
 * One day partition of a cold tier in S3, one storage class.
 *
 * @param rows from the Parquet footers; null when the objects cannot be read (archived, not
 *     restored)
 */
public record ColdPartition(LocalDate day, String storageClass, int objects, long bytes,
    Long rows) {
}
