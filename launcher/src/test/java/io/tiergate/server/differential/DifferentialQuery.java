package io.tiergate.server.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One entry of the differential corpus: the SQL for the gateway and, only where the dialects
 * differ, the SQL for the PostgreSQL reference; otherwise the reference runs the same text with
 * {@code events} read as {@code reference.events} and {@code redshift.tenants} as
 * {@code reference.tenants}.
 *
 * @param orderKeys the 1-based result columns the query orders by, empty when the result is a
 *     multiset; the comparison checks the order of these keys only, so ties may come in any order
 * @param executions the bind values of each execution of one prepared statement (an empty list
 *     for a plain statement); a {@link At} value is a TIMESTAMP parameter
 */
public record DifferentialQuery(String name, String gatewaySql, String postgresSql,
    List<Integer> orderKeys, List<List<Object>> executions) {

  private static final Pattern EVENTS = Pattern.compile("(?<![.\\w])events(?!\\w)");

  public static DifferentialQuery of(String name, String sql) {
    return new DifferentialQuery(name, sql, null, List.of(), List.of());
  }

  /** A TIMESTAMP bind value: an instant term of {@link SliceEdges}, such as {@code hot-1}. */
  public record At(String term) {
    @Override public String toString() {
      return "{" + term + "}";
    }
  }

  public static At at(String term) {
    return new At(term);
  }

  /** The reference's own SQL, where PostgreSQL spells the query differently. */
  public DifferentialQuery postgres(String sql) {
    return new DifferentialQuery(name, gatewaySql, sql, orderKeys, executions);
  }

  public DifferentialQuery ordered(Integer... keys) {
    return new DifferentialQuery(name, gatewaySql, postgresSql, List.of(keys), executions);
  }

  /** One more execution of the prepared statement, with these bind values. */
  public DifferentialQuery params(Object... values) {
    List<List<Object>> all = new ArrayList<>(executions);
    all.add(List.of(values));
    return new DifferentialQuery(name, gatewaySql, postgresSql, orderKeys, List.copyOf(all));
  }

  public boolean prepared() {
    return !executions.isEmpty();
  }

  /** The SQL the reference runs (before instant terms are rendered). */
  public String referenceSql() {
    if (postgresSql != null) {
      return postgresSql;
    }
    return EVENTS.matcher(gatewaySql.replace("redshift.tenants", "reference.tenants"))
        .replaceAll("reference.events");
  }

  @Override public String toString() {
    return name;
  }
}
