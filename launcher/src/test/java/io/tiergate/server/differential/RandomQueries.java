package io.tiergate.server.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random queries over {@code events} for the differential check: global and grouped aggregates
 * (COUNT DISTINCT among them), with and without HAVING, and top-N queries ordered totally (rows
 * by a column then the key {@code tenant_id, event_id}; groups by an exact aggregate then the
 * group key), each under a time condition ({@link RandomTimeRanges}), mostly with predicates on
 * other columns ({@link RandomColumnPredicates}). About a third are prepared statements,
 * executed with several sets of bind values.
 *
 * <p>Query {@code i} of seed {@code s} is the same whenever it is asked for: it comes from its
 * own random source, so one query can be run again alone.
 */
final class RandomQueries {
  private static final String[] GROUP_KEYS = {"tenant_id", "kind", "region", "user_id"};
  private static final String[] AGGREGATES = {"COUNT(*)", "COUNT(amount)", "SUM(amount)",
      "AVG(amount)", "MIN(amount)", "MAX(amount)", "MIN(event_time)", "MAX(event_time)",
      "MIN(user_id)", "MAX(region)", "COUNT(DISTINCT tenant_id)", "COUNT(DISTINCT user_id)",
      "COUNT(DISTINCT kind)", "COUNT(DISTINCT amount)"};
  /** Aggregates a top-N may order by: exact, so the gateway and PostgreSQL cannot disagree. */
  private static final String[] EXACT_ORDER = {"COUNT(*)", "MAX(amount)", "MIN(event_time)",
      "COUNT(DISTINCT user_id)"};
  private static final String[] ROW_ORDER = {"event_time", "amount", "kind", "region",
      "user_id"};

  private final long seed;

  RandomQueries(long seed) {
    this.seed = seed;
  }

  /** Query {@code index} of this seed. */
  DifferentialQuery query(int index) {
    Random random = new Random(seed * 1_000_003L + index);
    QueryValues values = random.nextInt(3) == 0 ? QueryValues.parameters()
        : QueryValues.literals();
    String where = where(random, values);
    Shape shape = switch (random.nextInt(10)) {
      case 0, 1 -> globalAggregate(random, values, where);
      case 2, 3, 4, 5 -> groupedAggregate(random, values, where);
      case 6, 7 -> topRows(random, values, where);
      default -> topGroups(random, values, where);
    };
    return new DifferentialQuery("random-" + seed + "-" + index, shape.sql(), null,
        shape.orderKeys(), values.executions(1 + random.nextInt(3)));
  }

  private record Shape(String sql, List<Integer> orderKeys) {
  }

  /** The time condition, with zero to two predicates on other columns, mostly ANDed. */
  private static String where(Random random, QueryValues values) {
    String time = new RandomTimeRanges(random).condition(values);
    RandomColumnPredicates columns = new RandomColumnPredicates(random);
    if (random.nextInt(12) == 0) {
      // A column predicate OR'd with the time: no tier can be left out.
      return "(" + time + ") OR " + columns.predicate(values);
    }
    List<String> conjuncts = new ArrayList<>(List.of(time.contains(" OR ") ? "(" + time + ")"
        : time));
    int more = random.nextInt(3);
    for (int i = 0; i < more; i++) {
      conjuncts.add(columns.predicate(values));
    }
    return String.join(" AND ", conjuncts);
  }

  private static Shape globalAggregate(Random random, QueryValues values, String where) {
    String sql = "SELECT " + String.join(", ", aggregates(random)) + " FROM events WHERE "
        + where + (random.nextInt(4) == 0 ? " HAVING " + having(random, values) : "");
    return new Shape(sql, List.of());
  }

  private static Shape groupedAggregate(Random random, QueryValues values, String where) {
    List<String> keys = new ArrayList<>(List.of(pick(random, GROUP_KEYS)));
    if (random.nextInt(3) == 0) {
      String second = pick(random, GROUP_KEYS);
      if (!keys.contains(second)) {
        keys.add(second);
      }
    }
    String sql = "SELECT " + String.join(", ", keys) + ", "
        + String.join(", ", aggregates(random)) + " FROM events WHERE " + where + " GROUP BY "
        + String.join(", ", keys)
        + (random.nextInt(3) == 0 ? " HAVING " + having(random, values) : "");
    return new Shape(sql, List.of());
  }

  /** Rows in a total order: one column (NULLs placed explicitly), then the table's key. */
  private static Shape topRows(Random random, QueryValues values, String where) {
    String column = pick(random, ROW_ORDER);
    String direction = random.nextBoolean() ? " DESC" : "";
    String nulls = column.equals("event_time") ? ""
        : random.nextBoolean() ? " NULLS FIRST" : " NULLS LAST";
    String sql = "SELECT tenant_id, event_id, " + column + ", amount FROM events WHERE "
        + where + " ORDER BY " + column + direction + nulls + ", tenant_id, event_id"
        + " LIMIT " + (1 + random.nextInt(20))
        + (random.nextInt(4) == 0 ? " OFFSET " + random.nextInt(10) : "");
    return new Shape(sql.replace(", amount, amount", ", amount"), List.of(3, 1, 2));
  }

  /** Groups in a total order: an exact aggregate, then the group key. */
  private static Shape topGroups(Random random, QueryValues values, String where) {
    String key = pick(random, GROUP_KEYS);
    String order = pick(random, EXACT_ORDER);
    String direction = random.nextBoolean() ? " DESC" : "";
    String nulls = order.equals("MAX(amount)")
        ? (random.nextBoolean() ? " NULLS FIRST" : " NULLS LAST") : "";
    String sql = "SELECT " + key + ", " + order + " AS o, " + pick(random, AGGREGATES)
        + " FROM events WHERE " + where + " GROUP BY " + key
        + (random.nextInt(4) == 0 ? " HAVING " + having(random, values) : "")
        + " ORDER BY o" + direction + nulls + ", " + key + " LIMIT " + (1 + random.nextInt(10));
    return new Shape(sql, List.of(2, 1));
  }

  private static List<String> aggregates(Random random) {
    List<String> aggregates = new ArrayList<>();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      aggregates.add(pick(random, AGGREGATES));
    }
    return aggregates;
  }

  private static String having(Random random, QueryValues values) {
    return switch (random.nextInt(4)) {
      case 0, 1 -> "COUNT(*) > " + values.of(() -> (long) random.nextInt(60));
      // Half a cent: no sum of cents lies within rounding error of it.
      case 2 -> "SUM(amount) > " + values.of(() -> random.nextInt(20_000) + 0.005);
      default -> "COUNT(DISTINCT user_id) >= " + values.of(() -> (long) random.nextInt(10));
    };
  }

  private static String pick(Random random, String[] options) {
    return options[random.nextInt(options.length)];
  }
}
