package io.tiergate.server.alert;

import io.tiergate.lifecycle.admin.NamedSystemTable;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code SELECT * FROM tiergate.alerts}: the gateway's own alerts, firing first, then pending,
 * then the last resolved ones, newest first. Open to every caller: it shows the stores' health,
 * not data.
 */
public final class AlertsTable extends NamedSystemTable {
  public static final String NAME = "alerts";

  private final AlertEvaluator evaluator;

  public AlertsTable(AlertEvaluator evaluator) {
    super(NAME);
    this.evaluator = evaluator;
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
