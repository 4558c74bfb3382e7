package io.tiergate.lifecycle.admin;

import io.tiergate.planner.rules.SkippedArchive;
import io.tiergate.planner.rules.SkippedArchiveLog;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code SELECT * FROM TABLE(tiergate.warnings(42))}: the warnings of the last execution of
 * statement 42 of the caller's own connection, one row per warning. Avatica's protocol carries
 * no warnings, so the driver's {@code Statement.getWarnings()} asks for them with this query.
 * Today the only warnings are archived days left out under {@code archived=skip}.
 *
 * <p>Scoped by the connection the query runs in: another connection's statement ids find
 * nothing. Read when the result is read, never while planning, so a cached plan is current.
 */
public final class StatementWarnings extends AbstractTable implements ScannableTable {
  private final int statementId;

  private StatementWarnings(int statementId) {
    this.statementId = statementId;
  }

  /** The function Calcite calls. */
  public static ScannableTable warnings(int statementId) {
    return new StatementWarnings(statementId);
  }

  @Override public RelDataType getRowType(RelDataTypeFactory f) {
    return f.builder()
        .add("table_name", SqlTypeName.VARCHAR)
        .add("first_day", SqlTypeName.DATE)
        .add("last_day", SqlTypeName.DATE)
        .add("storage_class", SqlTypeName.VARCHAR)
        .add("message", SqlTypeName.VARCHAR)
        .build();
  }

  @Override public Enumerable<Object[]> scan(DataContext root) {
    if (!(root.getQueryProvider() instanceof CalciteConnection connection)) {
      return Linq4j.emptyEnumerable();
    }
    List<SkippedArchive> skipped = SkippedArchiveLog.of(connection).skipped(statementId);
    return Linq4j.asEnumerable(skipped.stream().map(s -> new Object[] {
        s.table(), (int) s.firstDay().toEpochDay(), (int) s.lastDay().toEpochDay(),
        s.run().storageClass(), s.message()}).toList());
  }
}
