package io.tiergate.server.alert;

import io.tiergate.lifecycle.admin.AdminSchema;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code SELECT * FROM tiergate.alerts}: the gateway's own alerts, firing first, then pending,
 * then the last resolved ones, newest first. Open to every caller: it shows the stores' health,
 * not data.
 */
public final class AlertsTable extends AbstractTable implements ScannableTable {
  public static final String NAME = "alerts";

  private final AlertEvaluator evaluator;

  public AlertsTable(AlertEvaluator evaluator) {
    this.evaluator = evaluator;
  }

  /** Adds the table to a connection's {@code tiergate} schema. */
  public void install(SchemaPlus root) {
    SchemaPlus tiergate = root.getSubSchema(AdminSchema.NAME);
    if (tiergate != null) {
      tiergate.add(NAME, this);
    }
  }

  @Override public Schema.TableType getJdbcTableType() {
    return Schema.TableType.SYSTEM_TABLE;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory f) {
    return f.builder()
        .add("name", SqlTypeName.VARCHAR)
        .add("kind", SqlTypeName.VARCHAR)
        .add("labels", SqlTypeName.VARCHAR)
        .add("state", SqlTypeName.VARCHAR)
        .add("since", SqlTypeName.TIMESTAMP, 3)
        .add("value", SqlTypeName.DOUBLE)
        .add("threshold", SqlTypeName.DOUBLE)
        .add("resolved_at", SqlTypeName.TIMESTAMP, 3).nullable(true)
        .build();
  }

  @Override public Enumerable<Object[]> scan(DataContext root) {
    List<Object[]> rows = evaluator.alerts().stream().map(a -> new Object[] {a.rule(),
        a.kind().label(), a.labelsText(), a.state().label(), a.since().toEpochMilli(),
        a.value(), a.threshold(),
        a.resolvedAt() == null ? null : a.resolvedAt().toEpochMilli()}).toList();
    return Linq4j.asEnumerable(rows);
  }
}
