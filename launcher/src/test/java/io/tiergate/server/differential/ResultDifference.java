package io.tiergate.server.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a result differs from the reference's: as multisets of rows, and for an ordered query also
 * in the sequence of its sort keys (rows that tie on the keys may come in any order).
 */
final class ResultDifference {
  private static final int SHOWN = 10;

  private ResultDifference() {
  }

  /** Empty when {@code actual} is what {@code expected} says; else what differs. */
  static Optional<String> of(ResultTable expected, ResultTable actual, List<Integer> orderKeys) {
    if (expected.columns().size() != actual.columns().size()) {
      return Optional.of("columns differ: expected " + expected.columns() + " but got "
          + actual.columns());
    }
    List<String> problems = new ArrayList<>();
    multiset(expected.rows(), actual.rows()).ifPresent(problems::add);
    if (!orderKeys.isEmpty()) {
      order(expected.rows(), actual.rows(), orderKeys).ifPresent(problems::add);
    }
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", problems)
        + "\nexpected columns " + expected.columns() + ", actual " + actual.columns());
  }

  private static Optional<String> multiset(List<List<Object>> expected,
      List<List<Object>> actual) {
    List<List<Object>> e = new ArrayList<>(expected);
    List<List<Object>> a = new ArrayList<>(actual);
    e.sort(ResultTable.ROW_ORDER);
    a.sort(ResultTable.ROW_ORDER);
    List<List<Object>> missing = new ArrayList<>();
    List<List<Object>> extra = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < e.size() || j < a.size()) {
      if (i < e.size() && j < a.size() && ResultTable.sameRow(e.get(i), a.get(j))) {
        i++;
        j++;
      } else if (j >= a.size()
          || i < e.size() && ResultTable.ROW_ORDER.compare(e.get(i), a.get(j)) < 0) {
        missing.add(e.get(i++));
      } else if (i >= e.size() || ResultTable.ROW_ORDER.compare(e.get(i), a.get(j)) > 0) {
        extra.add(a.get(j++));
      } else {
        // Equal under the order but not the same (a tolerance edge): report both.
        missing.add(e.get(i++));
        extra.add(a.get(j++));
      }
    }
    if (missing.isEmpty() && extra.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(String.format("rows differ: expected %d rows, got %d; %d missing%s; "
            + "%d unexpected%s", expected.size(), actual.size(), missing.size(), shown(missing),
        extra.size(), shown(extra)));
  }

  private static Optional<String> order(List<List<Object>> expected, List<List<Object>> actual,
      List<Integer> keys) {
    int n = Math.min(expected.size(), actual.size());
    for (int i = 0; i < n; i++) {
      List<Object> e = keys(expected.get(i), keys);
      List<Object> a = keys(actual.get(i), keys);
      if (!ResultTable.sameRow(e, a)) {
        return Optional.of("order differs at row " + i + ": expected sort keys " + e + " but got "
            + a + " (row " + actual.get(i) + ")");
      }
    }
    return Optional.empty();
  }

  private static List<Object> keys(List<Object> row, List<Integer> keys) {
    List<Object> values = new ArrayList<>();
    for (int k : keys) {
      values.add(row.get(k - 1));
    }
    return values;
  }

  private static String shown(List<List<Object>> rows) {
    if (rows.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder(":");
    rows.stream().limit(SHOWN).forEach(row -> text.append("\n    ").append(row));
    if (rows.size() > SHOWN) {
      text.append("\n    ... ").append(rows.size() - SHOWN).append(" more");
    }
    return text.toString();
  }
}
