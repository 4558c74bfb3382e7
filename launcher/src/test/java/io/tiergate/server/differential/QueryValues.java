package io.tiergate.server.differential;

import io.tiergate.server.differential.DifferentialQuery.At;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where the values of a generated query go: into its text as literals, or out of it as bind
 * parameters ({@code ?}). A value is asked for by its domain, so a prepared query draws new
 * values from the same domains for each of its executions, and the one plan the gateway caches
 * meets several time ranges.
 */
final class QueryValues {
  private final boolean bind;
  private final List<Supplier<Object>> domains = new ArrayList<>();

  private QueryValues(boolean bind) {
    this.bind = bind;
  }

  static QueryValues literals() {
    return new QueryValues(false);
  }

  static QueryValues parameters() {
    return new QueryValues(true);
  }

  boolean bind() {
    return bind;
  }

  /** The SQL for a value of {@code domain}: a literal drawn now, or {@code ?}. */
  String of(Supplier<Object> domain) {
    if (bind) {
      domains.add(domain);
      return "?";
    }
    return literal(domain.get());
  }

  /** Bind values for {@code count} executions; empty (a plain statement) for literals. */
  List<List<Object>> executions(int count) {
    List<List<Object>> executions = new ArrayList<>();
    for (int i = 0; bind && i < count; i++) {
      List<Object> values = new ArrayList<>();
      domains.forEach(domain -> values.add(domain.get()));
      executions.add(values);
    }
    return executions;
  }

  /** A literal both the gateway and PostgreSQL read the same way. */
  static String literal(Object value) {
    if (value instanceof At at) {
      return "TIMESTAMP '{" + at.term() + "}'";
    }
    if (value instanceof String s) {
      return "'" + s.replace("'", "''") + "'";
    }
    if (value instanceof Double d) {
      return BigDecimal.valueOf(d).toPlainString();
    }
    if (value instanceof Long n) {
      return n.toString();
    }
    throw new IllegalArgumentException("No literal for " + value);
  }
}
