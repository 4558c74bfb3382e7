package io.tiergate.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.rel2sql.RelToSqlConverter;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractTable;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.dialect.TrinoSqlDialect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.RelBuilder;
import org.junit.jupiter.api.Test;

/**
 * The SQL Athena gets for a sorted query that Calcite wraps in a derived table (a projection on
 * top of HAVING + ORDER BY + LIMIT): the order must be repeated at the outermost SELECT, the only
 * place Trino keeps it.
 */
class DerivedTableOrderTest {
  private static RelBuilder builder() {
    SchemaPlus root = Frameworks.createRootSchema(true);
    root.add("events", new AbstractTable() {
      @Override public RelDataType getRowType(RelDataTypeFactory types) {
        return types.builder()
            .add("kind", types.createTypeWithNullability(
                types.createSqlType(SqlTypeName.VARCHAR), true))
            .add("amount", types.createTypeWithNullability(
                types.createSqlType(SqlTypeName.DOUBLE), true))
            .build();
      }
    });
    return RelBuilder.create(Frameworks.newConfigBuilder().defaultSchema(root).build());
  }

  /** UPPER(kind), n over the top 3 kinds by count among those with more than 5 events. */
  private static RelNode projectionOverSortedHaving() {
    RelBuilder b = builder();
    return b.scan("events")
        .aggregate(b.groupKey("kind"), b.countStar("n"))
        .filter(b.greaterThan(b.field("n"), b.literal(5)))
        .sortLimit(0, 3, b.desc(b.field("n")))
        .project(b.alias(b.call(SqlStdOperatorTable.UPPER, b.field("kind")), "k"), b.field("n"))
        .build();
  }

  private static String sql(RelNode rel, SqlDialect dialect) {
    return new RelToSqlConverter(dialect).visitRoot(rel).asStatement().toSqlString(dialect)
        .getSql().replaceAll("\\s+", " ");
  }

  @Test void calcitesTrinoDialectLeavesTheOrderInsideTheDerivedTable() {
    // The trap itself, as Calcite's own dialect writes it: no ORDER BY where Trino looks.
    assertThat(sql(projectionOverSortedHaving(), TrinoSqlDialect.DEFAULT))
        .isEqualTo("SELECT UPPER(\"kind\") AS \"k\", \"n\" FROM (SELECT \"kind\", COUNT(*) AS \"n\""
            + " FROM \"events\" GROUP BY \"kind\" HAVING COUNT(*) > 5"
            + " ORDER BY (COUNT(*)) IS NULL DESC, 2 DESC FETCH NEXT 3 ROWS ONLY) AS \"t1\"");
  }

  @Test void athenaDialectRepeatsTheOrderOnTheOutermostSelect() {
    assertThat(sql(projectionOverSortedHaving(), AthenaStoreDialect.INSTANCE))
        .isEqualTo("SELECT UPPER(\"kind\") AS \"k\", \"n\" FROM (SELECT \"kind\", COUNT(*) AS \"n\""
            + " FROM \"events\" GROUP BY \"kind\" HAVING COUNT(*) > 5"
            + " ORDER BY (COUNT(*)) IS NULL DESC, 2 DESC FETCH NEXT 3 ROWS ONLY) AS \"t1\""
            + " ORDER BY \"t1\".\"n\" IS NULL DESC, \"t1\".\"n\" DESC");
  }

  @Test void aSortAtTheTopIsLeftAlone() {
    RelBuilder b = builder();
    RelNode rel = b.scan("events")
        .aggregate(b.groupKey("kind"), b.sum(false, "total", b.field("amount")))
        .filter(b.greaterThan(b.field("total"), b.literal(0)))
        .sortLimit(0, 3, b.desc(b.field("total")), b.field("kind"))
        .build();
    assertThat(sql(rel, AthenaStoreDialect.INSTANCE))
        .isEqualTo("SELECT \"kind\", SUM(\"amount\") AS \"total\" FROM \"events\""
            + " GROUP BY \"kind\" HAVING SUM(\"amount\") > 0"
            + " ORDER BY (SUM(\"amount\")) IS NULL DESC, 2 DESC, \"kind\" FETCH NEXT 3 ROWS ONLY");
  }

  @Test void anAggregateOverASortedDerivedTableGetsNoOrder() {
    RelBuilder b = builder();
    RelNode rel = b.scan("events")
        .sortLimit(0, 10, b.field("kind"))
        .aggregate(b.groupKey(), b.countStar("c"))
        .build();
    assertThat(sql(rel, AthenaStoreDialect.INSTANCE))
        .isEqualTo("SELECT COUNT(*) AS \"c\" FROM (SELECT \"kind\", \"amount\" FROM \"events\""
            + " ORDER BY \"kind\" FETCH NEXT 10 ROWS ONLY) AS \"t\"");
  }

  @Test void branchesOfAUnionGetNoOrder() {
    RelBuilder b = builder();
    b.push(projectionOverSortedHaving()).push(projectionOverSortedHaving()).union(true);
    String branch = "SELECT UPPER(\"kind\") AS \"k\", \"n\" FROM (SELECT \"kind\","
        + " COUNT(*) AS \"n\" FROM \"events\" GROUP BY \"kind\" HAVING COUNT(*) > 5"
        + " ORDER BY (COUNT(*)) IS NULL DESC, 2 DESC FETCH NEXT 3 ROWS ONLY) AS \"t1\"";
    // An ORDER BY after a branch would be a syntax error (it would sort the whole union).
    assertThat(sql(b.build(), AthenaStoreDialect.INSTANCE))
        .isEqualTo(branch + " UNION ALL " + branch.replace("\"t1\"", "\"t5\""));
  }

  @Test void renamedColumnsOfTheDerivedTableAreReferencedByTheirNewNames() throws Exception {
    SqlSelect outer = (SqlSelect) SqlParser.create(
        "SELECT UPPER(x) FROM (SELECT a, b FROM e) AS t (x, y)").parseQuery();
    SqlSelect inner = (SqlSelect) ((SqlCall) outer.getFrom()).operand(0);
    inner.setOrderBy(new SqlNodeList(List.of(SqlStdOperatorTable.DESC.createCall(
        SqlParserPos.ZERO, SqlLiteral.createExactNumeric("2", SqlParserPos.ZERO))),
        SqlParserPos.ZERO));
    assertThat(outer.toSqlString(AthenaStoreDialect.INSTANCE).getSql().replaceAll("\\s+", " "))
        .isEqualTo("SELECT UPPER(\"X\") FROM (SELECT \"A\", \"B\" FROM \"E\" ORDER BY 2 DESC)"
            + " AS \"T\" (\"X\", \"Y\") ORDER BY \"T\".\"Y\" DESC");
  }
}
