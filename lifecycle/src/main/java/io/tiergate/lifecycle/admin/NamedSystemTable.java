package io.tiergate.lifecycle.admin;

import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A table of the {@code tiergate} schema kept by the gateway rather than by the lifecycle
 * ({@code queries}, {@code alerts}): added under its name to each connection's schema.
 */
public abstract class NamedSystemTable extends AbstractTable implements ScannableTable {
  private final String name;

  protected NamedSystemTable(String name) {
    this.name = name;
  }

  /** Adds the table to a connection's {@code tiergate} schema. */
  public void install(SchemaPlus root) {
    SchemaPlus tiergate = root.getSubSchema(AdminSchema.NAME);
    if (tiergate != null) {
      tiergate.add(name, this);
    }
  }

  /** DatabaseMetaData.getTables lists it as a SYSTEM TABLE, as tools group them apart. */
  @Override public Schema.TableType getJdbcTableType() {
    return Schema.TableType.SYSTEM_TABLE;
  }
}
