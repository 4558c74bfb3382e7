package io.tiergate.server;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code CALL tiergate.restore(...)} as the query Calcite can run: {@code SELECT * FROM
 * TABLE(tiergate.restore(...))}. Calcite's own CALL becomes a scalar {@code SELECT f(x)}, which
 * could not return a row per outcome and which constant reduction would run while planning.
 */
final class ProcedureCall {
  private static final Pattern CALL = Pattern.compile(
      "^\\s*CALL\\s+(.+?)\\s*;?\\s*$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private ProcedureCall() {
  }

  static String rewrite(String sql) {
    Matcher m = sql == null ? null : CALL.matcher(sql);
    return m != null && m.matches() ? "SELECT * FROM TABLE(" + m.group(1) + ")" : sql;
  }
}
