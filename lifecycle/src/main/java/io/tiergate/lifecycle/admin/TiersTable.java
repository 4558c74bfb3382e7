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
 * {@code SELECT * FROM tiergate.tiers}: per tiered table and tier (the cold tier per storage
 * class) the time range of the current manifest, rows, bytes and the monthly storage cost.
 */
final class TiersTable extends AbstractTable implements ScannableTable {
  private final StorageReport report;

  TiersTable(StorageReport report) {
    this.report = report;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory f) {
    return f.builder()
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
        .build();
  }

  @Override public Enumerable<Object[]> scan(DataContext root) {
    return Linq4j.asEnumerable(report.tiers().stream().map(r -> new Object[] {
        r.table(), r.tier(), r.store(), r.rangeFrom(), r.rangeTo(), r.storageClass(), r.rows(),
        r.bytes(), r.monthlyCostUsd(), r.manifestVersion()}).toList());
  }
}
