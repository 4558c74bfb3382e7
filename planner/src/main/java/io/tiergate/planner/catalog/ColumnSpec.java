package io.tiergate.planner.catalog;

import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/** One column of a logical table: name and SQL type. Times are UTC wall-clock TIMESTAMP(3). */
public record ColumnSpec(String name, SqlTypeName type) {
  /** Parses a config type name; the message names the column and the types allowed. */
  public static ColumnSpec parse(String name, String typeName) {
    SqlTypeName type = SqlTypeName.get(typeName.trim().toUpperCase(Locale.ROOT));
    if (type == null || !SUPPORTED.contains(type)) {
      throw new IllegalArgumentException("Column '" + name + "' has unsupported type '" + typeName
          + "'; supported: " + SUPPORTED);
    }
    return new ColumnSpec(name, type);
  }

  private static final java.util.Set<SqlTypeName> SUPPORTED = java.util.EnumSet.of(
      SqlTypeName.VARCHAR, SqlTypeName.BIGINT, SqlTypeName.INTEGER, SqlTypeName.DOUBLE,
      SqlTypeName.BOOLEAN, SqlTypeName.TIMESTAMP, SqlTypeName.DATE);

  /** The row type of a table with these columns, all nullable. */
  public static RelDataType rowType(java.util.List<ColumnSpec> columns,
      RelDataTypeFactory factory) {
    RelDataTypeFactory.Builder builder = factory.builder();
    columns.forEach(c -> builder.add(c.name(), c.toRelType(factory)));
    return builder.build();
  }

  public RelDataType toRelType(RelDataTypeFactory factory) {
    RelDataType base = switch (type) {
      case TIMESTAMP -> factory.createSqlType(SqlTypeName.TIMESTAMP, 3);
      case VARCHAR -> factory.createSqlType(SqlTypeName.VARCHAR);
      default -> factory.createSqlType(type);
    };
    return factory.createTypeWithNullability(base, true);
  }
}
