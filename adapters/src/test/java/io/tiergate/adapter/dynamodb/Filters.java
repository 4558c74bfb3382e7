package io.tiergate.adapter.dynamodb;

import io.tiergate.planner.catalog.ColumnSpec;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.TimestampString;

/** Filters over the test layout's columns, built as Calcite pushes them. */
final class Filters {
  static final DynamoDbTableLayout LAYOUT = new DynamoDbTableLayout("events", "tenant_id",
      "event_time", List.of("tenant_id", "event_id"), List.of(
          new ColumnSpec("tenant_id", SqlTypeName.VARCHAR),
          new ColumnSpec("event_id", SqlTypeName.VARCHAR),
          new ColumnSpec("event_time", SqlTypeName.TIMESTAMP),
          new ColumnSpec("kind", SqlTypeName.VARCHAR),
          new ColumnSpec("amount", SqlTypeName.DOUBLE),
          new ColumnSpec("flag", SqlTypeName.BOOLEAN),
          new ColumnSpec("count", SqlTypeName.BIGINT)));

  final JavaTypeFactoryImpl types = new JavaTypeFactoryImpl();
  final RexBuilder rex = new RexBuilder(types);
  final RexNode tenant = ref(0);
  final RexNode eventId = ref(1);
  final RexNode time = ref(2);
  final RexNode kind = ref(3);
  final RexNode amount = ref(4);
  final RexNode flag = ref(5);
  final RexNode count = ref(6);

  RexNode ref(int column) {
    return rex.makeInputRef(LAYOUT.columns().get(column).toRelType(types), column);
  }

  RexNode at(String text) {
    return rex.makeTimestampLiteral(new TimestampString(text), 3);
  }

  long millis(String text) {
    return new TimestampString(text).getMillisSinceEpoch();
  }

  RexNode text(String value) {
    return rex.makeLiteral(value);
  }

  RexNode number(String value) {
    return rex.makeExactLiteral(new java.math.BigDecimal(value));
  }

  RexNode param(SqlTypeName type, int index) {
    return rex.makeDynamicParam(types.createSqlType(type), index);
  }

  RexNode call(SqlOperator operator, RexNode... operands) {
    return rex.makeCall(operator, operands);
  }

  RexNode eq(RexNode left, RexNode right) {
    return call(SqlStdOperatorTable.EQUALS, left, right);
  }

  RexNode and(RexNode... operands) {
    return call(SqlStdOperatorTable.AND, operands);
  }

  RexNode or(RexNode... operands) {
    return call(SqlStdOperatorTable.OR, operands);
  }

  RexNode not(RexNode operand) {
    return call(SqlStdOperatorTable.NOT, operand);
  }

  /** {@code column IN (values)}: a SEARCH with a Sarg of points, as Calcite builds it. */
  RexNode in(RexNode column, RexNode... values) {
    return rex.makeIn(column, Arrays.asList(values));
  }
}
