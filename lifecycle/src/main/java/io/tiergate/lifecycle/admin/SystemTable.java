package io.tiergate.lifecycle.admin;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A read-only table of the {@code tiergate} schema whose rows are computed each time it is
 * read: {@code tiers} and {@code partitions}. Open to every caller.
 */
final class SystemTable extends AbstractTable implements ScannableTable {
  private final Function<RelDataTypeFactory, RelDataType> rowType;
  private final Supplier<List<Object[]>> rows;

  /** DatabaseMetaData.getTables lists it as a SYSTEM TABLE, as tools group them apart. */
  @Override public Schema.TableType getJdbcTableType() {
    return Schema.TableType.SYSTEM_TABLE;
  }

  private SystemTable(Function<RelDataTypeFactory, RelDataType> rowType,
      Supplier<List<Object[]>> rows) {
    this.rowType = rowType;
    this.rows = rows;
  }

  /**
   * {@code tiergate.tiers}: per tiered table and tier (the cold tier per storage class) the
   * time range of the current manifest, rows, bytes and the monthly storage cost.
   */
  static SystemTable tiers(StorageReport report) {
    return new SystemTable(f -> f.builder()
        .add("table_name", SqlTypeName.VARCHAR)
        .add("tier", SqlTypeName.VARCHAR)
        .add("store", SqlTypeName.VARCHAR)
        .add("range_from", SqlTypeName.TIMESTAMP, 3).nullable(true)
        .add("range_to", SqlTypeName.TIMESTAMP, 3).nullable(true)
        .add("storage_class", SqlTypeName.VARCHAR).nullable(true)
        .add("rows", SqlTypeName.BIGINT).nullable(true)
        .add("bytes", SqlTypeName.BIGINT).nullable(true)
        .add("monthly_cost_usd", SqlTypeName.DOUBLE).nullable(true)
        .add("manifest_version", SqlTypeName.BIGINT)
        .build(),
        () -> report.tiers().stream().map(r -> new Object[] {
            r.table(), r.tier(), r.store(), r.rangeFrom(), r.rangeTo(), r.storageClass(),
            r.rows(), r.bytes(), r.monthlyCostUsd(), r.manifestVersion()}).toList());
  }

  /**
   * {@code tiergate.partitions}: per cold day partition and storage class its objects, bytes,
   * rows (null while archived) and whether a query can read it now.
   */
  static SystemTable partitions(StorageReport report) {
    return new SystemTable(f -> f.builder()
        .add("table_name", SqlTypeName.VARCHAR)
        .add("tier", SqlTypeName.VARCHAR)
        .add("dt", SqlTypeName.DATE)
        .add("storage_class", SqlTypeName.VARCHAR)
        .add("objects", SqlTypeName.INTEGER)
        .add("bytes", SqlTypeName.BIGINT)
        .add("rows", SqlTypeName.BIGINT).nullable(true)
        .add("readable", SqlTypeName.BOOLEAN)
        .add("restored_until", SqlTypeName.TIMESTAMP, 3).nullable(true)
        .add("manifest_version", SqlTypeName.BIGINT)
        .build(),
        () -> report.partitions().stream().map(r -> new Object[] {
            r.table(), r.tier(), (int) r.partition().day().toEpochDay(),
            r.partition().storageClass(), r.partition().objects(), r.partition().bytes(),
            r.partition().rows(), r.readable(), r.restoredUntil(), r.manifestVersion()})
            .toList());
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return rowType.apply(typeFactory);
  }

  @Override public Enumerable<Object[]> scan(DataContext root) {
    return Linq4j.asEnumerable(rows.get());
  }
}
