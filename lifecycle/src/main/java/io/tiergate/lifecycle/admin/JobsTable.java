package io.tiergate.lifecycle.admin;

import io.tiergate.lifecycle.migrate.MigrationJob;
import io.tiergate.lifecycle.migrate.Step;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/** {@code SELECT * FROM tiergate.jobs}: every migration job, newest first, with its progress. */
public final class JobsTable extends AbstractTable implements ScannableTable {
  /** DatabaseMetaData.getTables lists it as a SYSTEM TABLE, as tools group them apart. */
  @Override public Schema.TableType getJdbcTableType() {
    return Schema.TableType.SYSTEM_TABLE;
  }

  static RelDataType rowType(RelDataTypeFactory f) {
    RelDataType text = f.createTypeWithNullability(f.createSqlType(SqlTypeName.VARCHAR), true);
    RelDataType time = f.createTypeWithNullability(f.createSqlType(SqlTypeName.TIMESTAMP, 3),
        true);
    return f.builder()
        .add("job_id", SqlTypeName.VARCHAR)
        .add("table_name", SqlTypeName.VARCHAR)
        .add("transition", SqlTypeName.VARCHAR)
        .add("slice_from", time)
        .add("slice_to", time)
        .add("storage_class", text)
        .add("state", SqlTypeName.VARCHAR)
        .add("step", text)
        .add("rows_done", SqlTypeName.BIGINT)
        .add("rows_total", SqlTypeName.BIGINT)
        .add("manifest_version", SqlTypeName.BIGINT)
        .add("error", text)
        .add("created", time)
        .add("updated", time)
        .build();
  }

  /**
   * One job as a row. {@code step} is where the job stands: the step it runs or resumes at,
   * or the last one done once finished.
   */
  static Object[] row(MigrationJob j) {
    Step step = j.state() == MigrationJob.State.DONE || j.state() == MigrationJob.State.PLANNED
        ? j.lastDone() : j.nextStep();
    return new Object[] {j.state() == MigrationJob.State.PLANNED ? "(dry run)" : j.id(),
        j.table(), j.transition().name(), bounded(j.slice().fromInclusive()),
        bounded(j.slice().toExclusive()), j.storageClass(), j.state().name(),
        step == null ? null : step.name(), j.rowsDone(), j.rowsTotal(), j.flippedVersion(),
        j.error(), j.createdMillis(), j.updatedMillis()};
  }

  private static Long bounded(long millis) {
    return millis == Long.MIN_VALUE || millis == Long.MAX_VALUE ? null : millis;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory f) {
    return rowType(f);
  }

  @Override public Enumerable<Object[]> scan(DataContext root) {
    return Linq4j.asEnumerable(AdminSchema.of(root).migrations().jobs().stream()
        .map(JobsTable::row).toList());
  }
}
