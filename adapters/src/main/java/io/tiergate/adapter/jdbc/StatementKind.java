package io.tiergate.adapter.jdbc;

import java.util.Locale;
import java.util.Set;

/**
 * The {@code operation} label of a SQL store's request: the statement's first keyword, from a
 * fixed set, so that a label never carries a value from the statement.
 */
final class StatementKind {
  private static final Set<String> KNOWN = Set.of("SELECT", "INSERT", "UPDATE", "DELETE",
      "MERGE", "COPY", "UNLOAD", "CREATE", "DROP", "ALTER", "TRUNCATE", "CALL", "SET", "SHOW",
      "EXPLAIN", "ANALYZE", "BEGIN", "COMMIT", "ROLLBACK", "GRANT");

  private StatementKind() {
  }

  static String of(String sql) {
    if (sql == null) {
      return "OTHER";
    }
    String text = sql.stripLeading();
    while (text.startsWith("(")) {
      text = text.substring(1).stripLeading();
    }
    int end = 0;
    while (end < text.length() && Character.isLetter(text.charAt(end))) {
      end++;
    }
    String word = text.substring(0, end).toUpperCase(Locale.ROOT);
    if (word.equals("WITH") || word.equals("VALUES")) {
      return "SELECT";
    }
    return KNOWN.contains(word) ? word : "OTHER";
  }
}
