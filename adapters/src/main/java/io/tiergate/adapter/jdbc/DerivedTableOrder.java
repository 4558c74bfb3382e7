package io.tiergate.adapter.jdbc;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Litmus;

/**
 * Keeps the ORDER BY of a query where Trino (Athena engine 3) honours it: at the outermost
 * SELECT.
 *
 * <p>Calcite's JDBC convention pushes a projection (or filter) on top of a sort into the same
 * statement, and its SQL generator then wraps the sorted query in a derived table: {@code SELECT
 * f(k), n FROM (SELECT k, COUNT(*) AS n ... HAVING ... ORDER BY n DESC FETCH NEXT 3 ROWS ONLY)
 * AS t}. Calcite counts the outer rows as ordered; Trino does not: it drops an ORDER BY without
 * LIMIT in a derived table outright, and one with a LIMIT only chooses the rows, so the outer
 * query's order is undefined. The rewrite repeats the derived table's ordering on the outer
 * SELECT, through the derived table's column names ({@code ORDER BY t.n DESC}); the inner
 * ORDER BY stays, as it decides which rows a FETCH keeps.
 */
final class DerivedTableOrder {
  private DerivedTableOrder() {
  }

  /**
   * The select with the ordering of its derived table repeated at its level, or the select
   * itself when there is nothing to hoist.
   *
   * @throws IllegalStateException when the derived table is ordered but its ordering cannot be
   *     expressed in the outer query: sending it would return rows in an undefined order
   */
  static SqlSelect hoist(SqlSelect outer) {
    if (outer.hasOrderBy() || outer.getFetch() != null || outer.getOffset() != null) {
      return outer;
    }
    SqlNode from = outer.getFrom();
    if (from == null || from.getKind() != SqlKind.AS
        || !(((SqlCall) from).operand(0) instanceof SqlSelect inner) || !inner.hasOrderBy()) {
      return outer;
    }
    // After GROUP BY, DISTINCT or a window the outer rows have no order a sort below gives them,
    // and Calcite does not expect one.
    if (outer.getGroup() != null || outer.getHaving() != null || outer.isDistinct()
        || (outer.getWindowList() != null && !outer.getWindowList().isEmpty())
        || (outer.getSelectList() != null && SqlUtil.containsAgg(outer.getSelectList()))) {
      return outer;
    }
    SqlCall as = (SqlCall) from;
    String alias = ((SqlIdentifier) as.operand(1)).getSimple();
    // "AS t (a, b)" renames the derived table's columns: outside, they go by the new names.
    List<String> renamed = null;
    if (as.operandCount() > 2) {
      renamed = new ArrayList<>();
      for (SqlNode column : as.getOperandList().subList(2, as.operandCount())) {
        renamed.add(((SqlIdentifier) column).getSimple());
      }
    }
    List<SqlNode> order = new ArrayList<>();
    for (SqlNode item : inner.getOrderList()) {
      order.add(reference(item, inner, alias, renamed));
    }
    SqlSelect hoisted = (SqlSelect) outer.clone(outer.getParserPosition());
    hoisted.setOrderBy(new SqlNodeList(order, SqlParserPos.ZERO));
    return hoisted;
  }

  /** An inner ORDER BY item re-expressed over the derived table's columns. */
  private static SqlNode reference(SqlNode item, SqlSelect inner, String alias,
      List<String> renamed) {
    if (item instanceof SqlBasicCall call && switch (call.getKind()) {
      // direction, null order, and the IS [NOT] NULL key that emulates a null order
      case DESCENDING, NULLS_FIRST, NULLS_LAST, IS_NULL, IS_NOT_NULL -> true;
      default -> false;
    }) {
      return call.getOperator().createCall(SqlParserPos.ZERO,
          reference(call.operand(0), inner, alias, renamed));
    }
    String column = columnName(item, inner, renamed);
    if (column == null) {
      throw new IllegalStateException("Cannot keep the order of a derived table for Athena:"
          + " its ORDER BY key " + item + " is not one of its columns " + inner.getSelectList());
    }
    return new SqlIdentifier(List.of(alias, column), SqlParserPos.ZERO);
  }

  /** The derived table's column the key sorts on; null if it is none of them. */
  private static String columnName(SqlNode key, SqlSelect inner, List<String> renamed) {
    SqlNodeList select = inner.getSelectList();
    boolean star = select == null || select.size() == 1
        && select.get(0) instanceof SqlIdentifier id && id.isStar();
    if (star) {
      return renamed == null && key instanceof SqlIdentifier id && !id.isStar()
          ? id.names.get(id.names.size() - 1) : null;
    }
    if (key instanceof SqlNumericLiteral ordinal && ordinal.isInteger()) {
      int index = ordinal.intValue(true) - 1;
      return index >= 0 && index < select.size() ? outsideName(select, index, renamed) : null;
    }
    for (int i = 0; i < select.size(); i++) {
      SqlNode selectItem = select.get(i);
      SqlNode expression = selectItem.getKind() == SqlKind.AS
          ? ((SqlCall) selectItem).operand(0) : selectItem;
      if (expression.equalsDeep(key, Litmus.IGNORE)
          // ORDER BY an alias
          || key instanceof SqlIdentifier id && id.isSimple()
              && selectItem.getKind() == SqlKind.AS && id.getSimple().equals(nameOf(selectItem))) {
        return outsideName(select, i, renamed);
      }
    }
    return null;
  }

  private static String outsideName(SqlNodeList select, int index, List<String> renamed) {
    return renamed != null ? (index < renamed.size() ? renamed.get(index) : null)
        : nameOf(select.get(index));
  }

  /** The column name a select item produces: its alias, or a column's own name. */
  private static String nameOf(SqlNode selectItem) {
    if (selectItem.getKind() == SqlKind.AS) {
      return ((SqlIdentifier) ((SqlCall) selectItem).operand(1)).getSimple();
    }
    return selectItem instanceof SqlIdentifier id && !id.isStar()
        ? id.names.get(id.names.size() - 1) : null;
  }
}
