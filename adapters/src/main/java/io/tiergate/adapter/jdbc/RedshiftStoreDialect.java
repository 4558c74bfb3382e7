package io.tiergate.adapter.jdbc;

import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.RedshiftSqlDialect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The SQL sent to Redshift (and to its PostgreSQL stand-in): Calcite's Redshift dialect, kept
 * to the subset both engines accept: time truncation as DATE_TRUNC, and rounding to a number
 * of digits on DECIMAL (PostgreSQL has no {@code round(double precision, integer)}).
 */
public final class RedshiftStoreDialect extends RedshiftSqlDialect {
  public static final RedshiftStoreDialect INSTANCE =
      new RedshiftStoreDialect(RedshiftSqlDialect.DEFAULT_CONTEXT);

  private RedshiftStoreDialect(Context context) {
    super(context);
  }

  @Override public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
    if (TimeTruncation.unparse(writer, call)) {
      return;
    }
    if ("ROUND".equalsIgnoreCase(call.getOperator().getName()) && call.operandCount() == 2) {
      SqlNode decimal = SqlStdOperatorTable.CAST.createCall(SqlParserPos.ZERO, call.operand(0),
          new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.DECIMAL, 38, 18,
              SqlParserPos.ZERO), SqlParserPos.ZERO));
      super.unparseCall(writer, SqlStdOperatorTable.ROUND.createCall(SqlParserPos.ZERO, decimal,
          call.operand(1)), leftPrec, rightPrec);
      return;
    }
    super.unparseCall(writer, call, leftPrec, rightPrec);
  }
}
