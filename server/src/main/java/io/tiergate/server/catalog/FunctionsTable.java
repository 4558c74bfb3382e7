package io.tiergate.server.catalog;

import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.TableFunction;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code tiergate.functions}: the functions a connection can call, as Calcite's own
 * {@code DatabaseMetaData.getFunctions} lists them: each schema's functions (the
 * {@code tiergate} procedures and table functions) and the standard SQL functions under the
 * schema {@code metadata}. Avatica's protocol has no request for getFunctions (its client
 * answers with no rows without asking), so the Tiergate driver reads this table instead.
 */
public final class FunctionsTable extends AbstractTable implements ScannableTable {
  public static final String NAME = "functions";
  /** Where Calcite lists the standard functions. */
  static final String BUILT_IN_SCHEMA = "metadata";

  @Override public Schema.TableType getJdbcTableType() {
    return Schema.TableType.SYSTEM_TABLE;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory f) {
    return f.builder()
        .add("function_schema", SqlTypeName.VARCHAR)
        .add("function_name", SqlTypeName.VARCHAR)
        .add("function_type", SqlTypeName.SMALLINT)
        .add("specific_name", SqlTypeName.VARCHAR)
        .build();
  }

  @Override public Enumerable<Object[]> scan(DataContext root) {
    List<Object[]> rows = new ArrayList<>();
    SchemaPlus rootSchema = root.getRootSchema();
    for (String schemaName : rootSchema.getSubSchemaNames()) {
      SchemaPlus schema = rootSchema.getSubSchema(schemaName);
      if (schema == null) {
        continue;
      }
      for (String name : schema.getFunctionNames()) {
        // One row per overload (migrate with and without dry_run), as Calcite lists them.
        for (Function function : schema.getFunctions(name)) {
          rows.add(new Object[] {schemaName, name, type(function), name});
        }
      }
      if (BUILT_IN_SCHEMA.equals(schemaName)) {
        for (SqlOperator op : SqlStdOperatorTable.instance().getOperatorList()) {
          if (SqlKind.FUNCTION.contains(op.getKind())) {
            rows.add(new Object[] {schemaName, op.getName(),
                (short) DatabaseMetaData.functionResultUnknown, op.getName()});
          }
        }
      }
    }
    return Linq4j.asEnumerable(rows);
  }

  /** A table function (a procedure, tiergate.warnings) returns a table; JDBC says so. */
  private static short type(Function function) {
    return (short) (function instanceof TableFunction ? DatabaseMetaData.functionReturnsTable
        : DatabaseMetaData.functionResultUnknown);
  }
}
