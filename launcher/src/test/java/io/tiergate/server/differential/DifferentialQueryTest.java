package io.tiergate.server.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.tiergate.planner.manifest.Tier;
import io.tiergate.server.TestGateway;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The differential suite: every query of {@link DifferentialCorpus} through the gateway (the
 * JDBC driver over Avatica, the tiered stores behind it) and through the PostgreSQL reference
 * (the same rows in one plain table) must return the same rows; in the same order of the sort
 * keys where the query orders them. Each query is its own test, named after it; a failure shows
 * both SQL texts, the bind values, the rows that differ and the gateway's plan.
 */
@ExtendWith(TestGateway.Extension.class)
class DifferentialQueryTest {
  private static EdgeRows edgeRows;
  private static DifferentialCheck check;

  @BeforeAll static void setUp(TestGateway tg) throws SQLException {
    ReferenceDatabase reference = ReferenceDatabase.of(tg);
    edgeRows = EdgeRows.install(tg, reference);
    check = new DifferentialCheck(tg, reference);
  }

  @AfterAll static void tearDown() throws SQLException {
    try (DifferentialCheck c = check; EdgeRows e = edgeRows) {
      // closes both, the edge rows first
    }
  }

  @Test void corpusCoversAtLeastAHundredQueries() {
    List<DifferentialQuery> queries = DifferentialCorpus.queries();
    assertThat(queries).hasSizeGreaterThanOrEqualTo(100);
    assertThat(queries.stream().filter(DifferentialQuery::prepared))
        .hasSizeGreaterThanOrEqualTo(10);
    assertThat(queries).anyMatch(q -> q.executions().size() > 3);
  }

  /** The fixture really put each edge row, and each stale copy, where a query will meet it. */
  @Test void edgeRowsAreInTheStoresAndTheReference() throws SQLException {
    Map<Tier, Integer> stored = edgeRows.storedPerTier();
    Connection gateway = check.gateway();
    assertThat(edgeRowsIn(gateway, "dynamodb.events")).isEqualTo((long) stored.get(Tier.HOT));
    assertThat(edgeRowsIn(gateway, "redshift.events")).isEqualTo((long) stored.get(Tier.WARM));
    assertThat(edgeRowsIn(gateway, "athena.events")).isEqualTo((long) stored.get(Tier.COLD));
    assertThat(edgeRowsIn(check.postgres(), "reference.events"))
        .isEqualTo(edgeRows.owned().size());
    assertThat(stored.values().stream().mapToInt(Integer::intValue).sum())
        .isGreaterThan(edgeRows.owned().size());
  }

  private static long edgeRowsIn(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT COUNT(*) FROM " + table + " WHERE event_id LIKE 'edge-%'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @TestFactory Stream<DynamicTest> gatewayAnswersAsTheReference() {
    // -Ddifferential.only=<regex> runs the matching queries only (while working on a few).
    String only = System.getProperty("differential.only", ".*");
    return DifferentialCorpus.queries().stream().filter(q -> q.name().matches(only))
        .map(q -> DynamicTest.dynamicTest(q.name(),
            () -> check.differences(q).ifPresent(report -> fail(report))));
  }
}
