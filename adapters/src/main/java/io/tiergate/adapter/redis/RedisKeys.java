package io.tiergate.adapter.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
      // SCAN may return a key more than once (Redis guarantees only that every key present
      // throughout is returned at least once; a cluster walk may meet a node twice as its
      // topology view refreshes), so keys are kept once each, in the order first seen.
      Set<String> keys = new LinkedHashSet<>();
      ScanArgs args = ScanArgs.Builder.matches(pattern(prefix)).limit(1000);
      KeyScanCursor<String> cursor = commands.scan(args);
      keys.addAll(cursor.getKeys());
      while (!cursor.isFinished()) {
        cursor = commands.scan(cursor, args);
        keys.addAll(cursor.getKeys());
      }
      return new ArrayList<>(keys);
    } catch (RuntimeException e) {
      throw redis.scanFailed(prefix, e);
    }
  }

  /** The MATCH pattern of the keys under {@code prefix}, its glob characters escaped. */
  static String pattern(String prefix) {
    return prefix.replaceAll("([*?\\[\\]\\\\])", "\\\\$1") + "*";
  }
}
