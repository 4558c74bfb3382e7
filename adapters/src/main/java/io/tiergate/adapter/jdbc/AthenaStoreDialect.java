package io.tiergate.adapter.jdbc;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.TrinoSqlDialect;

/**
 * The SQL sent to Athena (engine 3 is Trino, as is the local stand-in): Calcite's Trino
 * dialect, with time truncation as Trino's {@code date_trunc}, and the order of a sorted derived
 * table repeated on the query around it ({@link DerivedTableOrder}): Trino ignores an ORDER BY
 * anywhere but at the outermost SELECT.
 */
public final class AthenaStoreDialect extends TrinoSqlDialect {
  public static final AthenaStoreDialect INSTANCE =
      new AthenaStoreDialect(TrinoSqlDialect.DEFAULT_CONTEXT);

  private AthenaStoreDialect(Context context) {
    super(context);
  }

  @Override public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
    // Precedence 0 on both sides: a statement or a parenthesised sub-query, where an ORDER BY
    // may be added; not a branch of UNION, whose order is undefined anyway.
    if (call instanceof SqlSelect select && leftPrec == 0 && rightPrec == 0) {
      super.unparseCall(writer, DerivedTableOrder.hoist(select), leftPrec, rightPrec);
    } else if (!TimeTruncation.unparse(writer, call)) {
      super.unparseCall(writer, call, leftPrec, rightPrec);
    }
  }
}
