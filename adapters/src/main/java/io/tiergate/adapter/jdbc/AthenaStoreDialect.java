package io.tiergate.adapter.jdbc;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.TrinoSqlDialect;

/**
 * The SQL sent to Athena (engine 3 is Trino, as is the local stand-in): Calcite's Trino
 * dialect, with time truncation as Trino's {@code date_trunc}.
 */
public final class AthenaStoreDialect extends TrinoSqlDialect {
  public static final AthenaStoreDialect INSTANCE =
      new AthenaStoreDialect(TrinoSqlDialect.DEFAULT_CONTEXT);

  private AthenaStoreDialect(Context context) {
    super(context);
  }

  @Override public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
    if (!TimeTruncation.unparse(writer, call)) {
      super.unparseCall(writer, call, leftPrec, rightPrec);
    }
  }
}
