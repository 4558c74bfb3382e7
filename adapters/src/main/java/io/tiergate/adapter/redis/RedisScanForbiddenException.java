package io.tiergate.adapter.redis;

/** A query would need a full key SCAN, which the table's configuration does not allow. */
public final class RedisScanForbiddenException extends RuntimeException {
  public RedisScanForbiddenException(String table, String prefix) {
    super("Table '" + table + "' would need a SCAN of Redis keys '" + prefix + "*'; give a key "
        + "predicate, or set 'scan-allowed: true' for the table in tiergate.yaml");
  }
}
