package io.tiergate.adapter.redis;

import io.tiergate.planner.catalog.ColumnSpec;

/**
 * Text in Redis to and from Calcite's internal values. TIMESTAMP is stored as epoch
 * milliseconds (what ZRANGEBYSCORE compares), DATE as epoch days.
 */
final class RedisValues {
  private RedisValues() {
  }

  static Object decode(ColumnSpec column, String text) {
    if (text == null) {
      return null;
    }
    return switch (column.type()) {
      case VARCHAR -> text;
      case BIGINT, TIMESTAMP -> Long.parseLong(text);
      case INTEGER, DATE -> Integer.parseInt(text);
      case DOUBLE -> Double.parseDouble(text);
      case BOOLEAN -> Boolean.parseBoolean(text);
      default -> throw new IllegalStateException(column.type().toString());
    };
  }

  static String encode(Object value) {
    return value == null ? null : value.toString();
  }
}
