package io.tiergate.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tiergate.adapter.StoreRequests;
import io.tiergate.local.LocalStack;
import io.tiergate.local.LocalStackExtension;
import io.tiergate.local.TrinoStandIn;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Athena ordering trap against the real Trino stand-in: a HAVING + ORDER BY + LIMIT query
 * over the cold table ({@code hive.archive.events}, loaded by the demo loader), planned through
 * Calcite's JDBC convention with {@link AthenaStoreDialect} and the schema factory the server
 * uses. When Calcite puts a projection over the sort it wraps the sorted query in a derived
 * table; the statement Trino receives must carry the order at its outermost SELECT.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AthenaOrderingTest {
  private LocalStack stack;
  private DataSource trino;

  @BeforeAll void loadDemo(LocalStack stack) {
    this.stack = stack;
    DemoOnce.load(stack);
    trino = JdbcStoreSchemas.pooled("athena", "io.trino.jdbc.TrinoDriver", stack.trinoJdbcUrl(),
        TrinoStandIn.USER, null, new StoreRequests(new SimpleMeterRegistry()), "trino");
  }

  /** Runs a query through Calcite; returns its rows and (first) the SQL sent to Trino. */
  private List<String> throughCalcite(String sql, List<String> sent) throws SQLException {
    try (Connection connection = AthenaCalcite.connect(trino);
         Hook.Closeable hook = Hook.QUERY_PLAN.addThread((Object s) ->
             sent.add(String.valueOf(s).replaceAll("\\s+", " ")));
         Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      return rows(rs);
    }
  }

  /** The same question asked of Trino directly, ORDER BY at the top, as the expected answer. */
  private List<String> directly(String sql) throws SQLException {
    try (Connection connection = trino.getConnection();
         Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      return rows(rs);
    }
  }

  private static List<String> rows(ResultSet rs) throws SQLException {
    return AthenaCalcite.rows(rs);
  }

  @Test void projectionOverHavingOrderByLimitComesBackInOrder() throws SQLException {
    List<String> sent = new ArrayList<>();
    List<String> rows = throughCalcite("SELECT LOWER(user_id) AS u, n FROM ("
        + "SELECT user_id, COUNT(*) AS n FROM athena.events GROUP BY user_id"
        + " HAVING COUNT(*) > 1 ORDER BY n DESC, user_id LIMIT 3000) t"
        + " ORDER BY n DESC, user_id", sent);

    assertThat(sent).containsExactly("SELECT LOWER(\"user_id\") AS \"u\", \"n\", \"user_id\""
        + " FROM (SELECT \"user_id\", COUNT(*) AS \"n\" FROM \"hive\".\"archive\".\"events\""
        + " GROUP BY \"user_id\" HAVING COUNT(*) > 1"
        + " ORDER BY (COUNT(*)) IS NULL DESC, 2 DESC, \"user_id\" FETCH NEXT 3000 ROWS ONLY)"
        + " AS \"t1\" ORDER BY \"t1\".\"n\" IS NULL DESC, \"t1\".\"n\" DESC, \"t1\".\"user_id\"");
    List<String> expected = directly("SELECT lower(user_id), count(*) AS n"
        + " FROM hive.archive.events GROUP BY user_id HAVING count(*) > 1"
        + " ORDER BY n DESC, user_id LIMIT 3000");
    assertThat(expected).hasSizeGreaterThan(1000); // enough groups for order to be at stake
    assertThat(rows).containsExactlyElementsOf(expected);
  }

  @Test void topKindsByCountKeepTheirOrder() throws SQLException {
    List<String> sent = new ArrayList<>();
    List<String> rows = throughCalcite("SELECT UPPER(kind) AS k, n FROM ("
        + "SELECT kind, COUNT(*) AS n FROM athena.events GROUP BY kind HAVING COUNT(*) > 5"
        + " ORDER BY n DESC LIMIT 3) t ORDER BY n DESC", sent);

    assertThat(sent).containsExactly("SELECT UPPER(\"kind\") AS \"k\", \"n\""
        + " FROM (SELECT \"kind\", COUNT(*) AS \"n\" FROM \"hive\".\"archive\".\"events\""
        + " GROUP BY \"kind\" HAVING COUNT(*) > 5"
        + " ORDER BY (COUNT(*)) IS NULL DESC, 2 DESC FETCH NEXT 3 ROWS ONLY) AS \"t1\""
        + " ORDER BY \"t1\".\"n\" IS NULL DESC, \"t1\".\"n\" DESC");
    assertThat(rows).containsExactlyElementsOf(directly("SELECT upper(kind), count(*) AS n"
        + " FROM hive.archive.events GROUP BY kind HAVING count(*) > 5 ORDER BY n DESC LIMIT 3"));
  }

  @Test void havingOrderByLimitAtTheTopNeedsNoDerivedTable() throws SQLException {
    List<String> sent = new ArrayList<>();
    List<String> rows = throughCalcite("SELECT kind, SUM(amount) AS total FROM athena.events"
        + " GROUP BY kind HAVING SUM(amount) > 0 ORDER BY total DESC LIMIT 3", sent);

    assertThat(sent).containsExactly("SELECT \"kind\", SUM(\"amount\") AS \"total\""
        + " FROM \"hive\".\"archive\".\"events\" GROUP BY \"kind\" HAVING SUM(\"amount\") > 0E0"
        + " ORDER BY (SUM(\"amount\")) IS NULL DESC, 2 DESC FETCH NEXT 3 ROWS ONLY");
    List<String> expected = directly("SELECT kind, sum(amount) AS total"
        + " FROM hive.archive.events GROUP BY kind HAVING sum(amount) > 0"
        + " ORDER BY total DESC LIMIT 3");
    // A double sum differs in its last digits from run to run (Trino adds in parallel): the
    // order is compared exactly, the totals closely.
    assertThat(rows).hasSameSizeAs(expected);
    for (int i = 0; i < rows.size(); i++) {
      String[] actual = rows.get(i).split("\\|");
      String[] wanted = expected.get(i).split("\\|");
      assertThat(actual[0]).isEqualTo(wanted[0]);
      assertThat(Double.parseDouble(actual[1])).isCloseTo(Double.parseDouble(wanted[1]),
          org.assertj.core.data.Offset.offset(1e-3));
    }
  }
}
