package io.tiergate.lifecycle.admin;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code SELECT * FROM tiergate.partitions}: per cold day partition (and storage class) its
 * objects, bytes, rows (null while archived), and whether a query can read it now.
 */
final class PartitionsTable extends AbstractTable implements ScannableTable {
  private final StorageReport report;

  PartitionsTable(StorageReport report) {
    this.report = report;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory f) {
    return f.builder()
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
        .build();
  }

  @Override public Enumerable<Object[]> scan(DataContext root) {
    return Linq4j.asEnumerable(report.partitions().stream().map(r -> new Object[] {
        r.table(), r.tier(), (int) r.partition().day().toEpochDay(),
        r.partition().storageClass(), r.partition().objects(), r.partition().bytes(),
        r.partition().rows(), r.readable(), r.restoredUntil(), r.manifestVersion()}).toList());
  }
}
