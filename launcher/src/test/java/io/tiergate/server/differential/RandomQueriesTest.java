package io.tiergate.server.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What {@link RandomQueryTest} runs, checked without a gateway: the same queries for a seed, and
 * over its default run every shape, every column, ranges on every side of every boundary, and
 * bind values.
 */
class RandomQueriesTest {
  /**
   * What the generator makes of the build's seed in 300 queries. The build runs fewer for now
   * (see {@link RandomQueryTest#DEFAULT_COUNT}); {@code -Dfuzz.count=300} runs these.
   */
  private static final List<DifferentialQuery> DEFAULT_RUN =
      IntStream.range(0, 300)
          .mapToObj(new RandomQueries(RandomQueryTest.DEFAULT_SEED)::query).toList();

  @Test void aSeedGivesTheSameQueriesEveryTime() {
    RandomQueries again = new RandomQueries(RandomQueryTest.DEFAULT_SEED);
    for (int i = 0; i < DEFAULT_RUN.size(); i += 37) {
      assertThat(again.query(i)).isEqualTo(DEFAULT_RUN.get(i));
    }
    assertThat(new RandomQueries(RandomQueryTest.DEFAULT_SEED + 1).query(0))
        .isNotEqualTo(DEFAULT_RUN.get(0));
  }

  @Test void theDefaultRunHasEveryShape() {
    assertThat(sqlMatching(" GROUP BY ")).hasSizeGreaterThan(100);
    assertThat(DEFAULT_RUN).filteredOn(q -> !q.gatewaySql().contains(" GROUP BY ")
        && !q.gatewaySql().contains(" ORDER BY ")).hasSizeGreaterThan(30);
    assertThat(sqlMatching(" HAVING ")).hasSizeGreaterThan(30);
    assertThat(sqlMatching("COUNT\\(DISTINCT ")).hasSizeGreaterThan(30);
    assertThat(DEFAULT_RUN).filteredOn(q -> q.gatewaySql().contains(" LIMIT "))
        .hasSizeGreaterThan(60).allSatisfy(q -> {
          assertThat(q.orderKeys()).isNotEmpty();
          // A total order: the rows by the table's key last, the groups by their key last.
          assertThat(q.gatewaySql()).containsAnyOf(", tenant_id, event_id LIMIT ",
              ", tenant_id LIMIT ", ", kind LIMIT ", ", region LIMIT ", ", user_id LIMIT ");
        });
  }

  @Test void theDefaultRunHasPredicatesOnEveryColumnAndRangesOfEveryKind() {
    for (String column : List.of("tenant_id ", "event_id ", "kind ", "amount ", "user_id ",
        "region ")) {
      assertThat(sqlMatching("WHERE .*" + column.trim() + " (=|<|>|IN|LIKE|NOT|IS|BETWEEN)"))
          .as(column).hasSizeGreaterThan(10);
    }
    assertThat(sqlMatching("event_time <=? (\\?|TIMESTAMP)")).hasSizeGreaterThan(50);
    assertThat(sqlMatching("event_time >=? (\\?|TIMESTAMP)")).hasSizeGreaterThan(50);
    assertThat(sqlMatching("event_time BETWEEN")).hasSizeGreaterThan(10);
    assertThat(sqlMatching("\\) OR \\(")).hasSizeGreaterThan(10);
    for (String edge : List.of("cold", "warm", "hot", "now")) {
      assertThat(sqlMatching("\\{" + edge + "}")).as(edge).hasSizeGreaterThan(5);
      assertThat(sqlMatching("\\{" + edge + "[+-]1}")).as(edge + "±1").isNotEmpty();
    }
  }

  @Test void aThirdAreStatementsPreparedAndExecutedWithSeveralBindValues() {
    List<DifferentialQuery> prepared = DEFAULT_RUN.stream().filter(DifferentialQuery::prepared)
        .toList();
    assertThat(prepared).hasSizeBetween(70, 130).allSatisfy(q -> {
      assertThat(q.gatewaySql()).contains("?").doesNotContain("TIMESTAMP '");
      long parameters = q.gatewaySql().chars().filter(c -> c == '?').count();
      assertThat(q.executions()).allSatisfy(values -> assertThat(values).hasSize(
          (int) parameters));
    });
    assertThat(prepared).anyMatch(q -> q.executions().size() == 3);
  }

  private static List<String> sqlMatching(String regex) {
    java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(regex);
    return DEFAULT_RUN.stream().map(q -> q.gatewaySql() + " " + q.executions())
        .filter(text -> pattern.matcher(text).find()).toList();
  }
}
