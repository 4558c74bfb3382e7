package io.tiergate.adapter.dynamodb;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * VARCHAR columns a filter casts to a number ({@code tenant_id = 5} is
 * {@code CAST(tenant_id AS INTEGER) = 5}). Calcite evaluates the cast on every row and fails on
 * the first non-numeric value with only "For input string: ..."; this check fails on the same
 * row, before Calcite does, with a message that names the column, the value and the fix. It
 * never changes an answer: a row it rejects is one the cast would have failed on.
 */
final class DynamoDbNumericCasts {
  private record Cast(int position, String column, SqlTypeName target) {
  }

  private final List<Cast> casts;
  private final String table;

  private DynamoDbNumericCasts(List<Cast> casts, String table) {
    this.casts = casts;
    this.table = table;
  }

  static DynamoDbNumericCasts of(List<RexNode> filters, DynamoDbTableLayout layout,
      int[] projection) {
    List<Cast> casts = new ArrayList<>();
    for (RexNode filter : filters) {
      filter.accept(new RexVisitorImpl<Void>(true) {
        @Override public Void visitCall(RexCall call) {
          if (call.getKind() == SqlKind.CAST
              && call.getOperands().get(0) instanceof RexInputRef ref
              && layout.columns().get(ref.getIndex()).type() == SqlTypeName.VARCHAR
              && SqlTypeFamily.NUMERIC.contains(call.getType())) {
            for (int p = 0; p < projection.length; p++) {
              if (projection[p] == ref.getIndex()) {
                casts.add(new Cast(p, layout.columns().get(ref.getIndex()).name(),
                    call.getType().getSqlTypeName()));
              }
            }
          }
          return super.visitCall(call);
        }
      });
    }
    return new DynamoDbNumericCasts(List.copyOf(casts), layout.tableName());
  }

  void check(Object[] row) {
    for (Cast cast : casts) {
      if (row[cast.position()] instanceof String value && !isNumber(value)) {
        throw new IllegalArgumentException("Column '" + cast.column() + "' of DynamoDB table '"
            + table + "' is VARCHAR, and a filter compares it with a number (as " + cast.target()
            + "), but it holds '" + value + "', which is no number: compare it with a string,"
            + " e.g. " + cast.column() + " = '5' rather than " + cast.column() + " = 5");
      }
    }
  }

  private static boolean isNumber(String value) {
    try {
      new BigDecimal(value.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
