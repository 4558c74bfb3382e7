package io.tiergate.server.query;

import java.util.Locale;
import java.util.Set;

/**
 * A statement's text with its literals replaced by {@code ?}, for the query log: strings,
 * numbers and typed literals ({@code TIMESTAMP '...'}, {@code DATE '...'}, {@code X'..'},
 * {@code N'..'}) hold the data a user asked about, which another reader of the log must not see.
 * Comments go too (they can hold anything). Identifiers, keywords and parameters stay, so the
 * shape of the statement is still there to read.
 *
 * <p>A tokenizer rather than Calcite's parser: a statement that does not parse (a refused one)
 * is masked all the same, and the text keeps the client's own layout. It knows SQL's lexical
 * rules as the gateway's parser applies them: {@code ''} inside a string, {@code ""} inside a
 * double-quoted identifier, digits inside a name ({@code t2}) being part of the name.
 */
public final class LiteralMask {
  public static final String MASK = "?";

  /** Keywords that make the string after them one literal of their type. */
  private static final Set<String> TYPED = Set.of("DATE", "TIME", "TIMESTAMP");
  /** Prefixes written against the quote: binary, national, escaped and bit strings. */
  private static final Set<String> PREFIXES = Set.of("X", "N", "E", "B");

  private final String sql;
  private final StringBuilder out;
  private int i;
  /** The last name written, where it starts and ends in {@link #out}; null after anything else. */
  private String lastWord;
  private int lastWordStart;
  private int lastWordEnd;

  private LiteralMask(String sql) {
    this.sql = sql;
    this.out = new StringBuilder(sql.length());
  }

  public static String apply(String sql) {
    return sql == null ? null : new LiteralMask(sql).mask();
  }

  private String mask() {
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\'') {
        string();
      } else if (c == '"') {
        copyQuoted('"');
      } else if (c == '-' && next('-')) {
        skipTo("\n", false);
      } else if (c == '/' && next('*')) {
        skipTo("*/", true);
      } else if (Character.isDigit(c) || c == '.' && i + 1 < sql.length()
          && Character.isDigit(sql.charAt(i + 1))) {
        number();
      } else if (Character.isLetter(c) || c == '_') {
        word();
      } else {
        out.append(c);
        i++;
        if (!Character.isWhitespace(c)) {
          lastWord = null;
        }
      }
    }
    return out.toString();
  }

  private boolean next(char c) {
    return i + 1 < sql.length() && sql.charAt(i + 1) == c;
  }

  /** A string literal, with what types it ({@code TIMESTAMP}, {@code X}, {@code U&}) in front. */
  private void string() {
    if (lastWord != null) {
      boolean adjacent = lastWordEnd == out.length();
      boolean spaced = out.substring(lastWordEnd).isBlank();
      String word = lastWord.toUpperCase(Locale.ROOT);
      if (spaced && TYPED.contains(word) || adjacent && PREFIXES.contains(word)) {
        out.setLength(lastWordStart);
      }
    } else if (out.length() >= 2 && out.substring(out.length() - 2).equalsIgnoreCase("U&")) {
      out.setLength(out.length() - 2);
    }
    i++; // the opening quote
    while (i < sql.length()) {
      if (sql.charAt(i) == '\'') {
        if (next('\'')) {
          i += 2; // '' is a quote inside the string
          continue;
        }
        i++;
        break;
      }
      i++;
    }
    out.append(MASK);
    lastWord = null;
  }

  /** A double-quoted identifier, copied as it is. */
  private void copyQuoted(char quote) {
    int start = i++;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (next(quote)) {
          i += 2;
          continue;
        }
        i++;
        break;
      }
      i++;
    }
    out.append(sql, start, i);
    lastWord = null;
  }

  /** A comment: dropped, a space kept in its place so the words around it stay apart. */
  private void skipTo(String end, boolean inclusive) {
    int at = sql.indexOf(end, i + 2);
    i = at < 0 ? sql.length() : inclusive ? at + end.length() : at;
    out.append(' ');
  }

  /** Digits, a fraction, an exponent: {@code 42}, {@code 1.5}, {@code .5}, {@code 1e-3}. */
  private void number() {
    while (i < sql.length() && Character.isDigit(sql.charAt(i))) {
      i++;
    }
    if (i < sql.length() && sql.charAt(i) == '.') {
      i++;
      while (i < sql.length() && Character.isDigit(sql.charAt(i))) {
        i++;
      }
    }
    if (i < sql.length() && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
      int exponent = i + 1;
      if (exponent < sql.length() && (sql.charAt(exponent) == '+'
          || sql.charAt(exponent) == '-')) {
        exponent++;
      }
      if (exponent < sql.length() && Character.isDigit(sql.charAt(exponent))) {
        i = exponent;
        while (i < sql.length() && Character.isDigit(sql.charAt(i))) {
          i++;
        }
      }
    }
    out.append(MASK);
    lastWord = null;
  }

  /** A name or keyword; its digits ({@code t2}, {@code tenant_07}) are part of it. */
  private void word() {
    int start = i;
    while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i))
        || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
      i++;
    }
    lastWordStart = out.length();
    out.append(sql, start, i);
    lastWordEnd = out.length();
    lastWord = sql.substring(start, i);
  }
}
