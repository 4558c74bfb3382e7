package io.tiergate.adapter.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists keys by prefix with SCAN (never KEYS, which blocks the server). Against a cluster,
 * Lettuce's SCAN walks every primary in turn.
 */
final class RedisKeys {
  private RedisKeys() {
  }

  static List<String> withPrefix(RedisConnector redis, String prefix) {
    try {
      RedisClusterCommands<String, String> commands = redis.sync();
      List<String> keys = new ArrayList<>();
      ScanArgs args = ScanArgs.Builder.matches(pattern(prefix)).limit(1000);
      KeyScanCursor<String> cursor = commands.scan(args);
      keys.addAll(cursor.getKeys());
      while (!cursor.isFinished()) {
        cursor = commands.scan(cursor, args);
        keys.addAll(cursor.getKeys());
      }
      return keys;
    } catch (RuntimeException e) {
      throw redis.scanFailed(prefix, e);
    }
  }

  /** The MATCH pattern of the keys under {@code prefix}, its glob characters escaped. */
  static String pattern(String prefix) {
    return prefix.replaceAll("([*?\\[\\]\\\\])", "\\\\$1") + "*";
  }
}
