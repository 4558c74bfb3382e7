package io.tiergate.adapter.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;

/** Lists keys by prefix with SCAN (never KEYS, which blocks the server). */
final class RedisKeys {
  private RedisKeys() {
  }

  static List<String> withPrefix(RedisCommands<String, String> redis, String prefix) {
    List<String> keys = new ArrayList<>();
    ScanArgs args = ScanArgs.Builder.matches(escape(prefix) + "*").limit(1000);
    KeyScanCursor<String> cursor = redis.scan(args);
    keys.addAll(cursor.getKeys());
    while (!cursor.isFinished()) {
      cursor = redis.scan(ScanCursor.of(cursor.getCursor()), args);
      keys.addAll(cursor.getKeys());
    }
    return keys;
  }

  private static String escape(String prefix) {
    return prefix.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
  }
}
