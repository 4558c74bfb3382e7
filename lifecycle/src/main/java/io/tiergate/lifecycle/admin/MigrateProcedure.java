package io.tiergate.lifecycle.admin;

import io.tiergate.lifecycle.migrate.MigrationJob;
import io.tiergate.lifecycle.migrate.MigrationRunner;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * {@code CALL tiergate.migrate('events')}, {@code CALL tiergate.migrate('events', TRUE)} (a dry
 * run: what would move, nothing moved) and {@code CALL tiergate.expire('events'[, TRUE])}. One
 * row per job, run or planned. The work happens when the result is read, not while planning.
 */
public final class MigrateProcedure extends AbstractTable implements ScannableTable {
  private final String table;
  private final boolean expire;
  private final boolean dryRun;

  private MigrateProcedure(String table, boolean expire, boolean dryRun) {
    this.table = table;
    this.expire = expire;
    this.dryRun = dryRun;
  }

  public static ScannableTable migrate(String table) {
    return of("migrate", table, false, false);
  }

  public static ScannableTable migrateDryRun(String table, Boolean dryRun) {
    return of("migrate", table, false, dryRun);
  }

  public static ScannableTable expire(String table) {
    return of("expire", table, true, false);
  }

  public static ScannableTable expireDryRun(String table, Boolean dryRun) {
    return of("expire", table, true, dryRun);
  }

  private static ScannableTable of(String name, String table, boolean expire, Boolean dryRun) {
    if (table == null || dryRun == null) {
      throw new IllegalArgumentException("CALL tiergate." + name + "(table [, dry_run]): no "
          + "argument may be NULL");
    }
    return new MigrateProcedure(table, expire, dryRun);
  }

  @Override public RelDataType getRowType(RelDataTypeFactory f) {
    return JobsTable.rowType(f);
  }

  @Override public Enumerable<Object[]> scan(DataContext root) {
    AdminSchema.requireAdmin(root, expire ? "expire" : "migrate");
    AdminSchema admin = AdminSchema.of(root);
    MigrationRunner runner = admin.migrations();
    List<MigrationJob> jobs = expire ? runner.expire(table, dryRun)
        : runner.migrate(table, dryRun);
    return Linq4j.asEnumerable(jobs.stream().map(JobsTable::row).toList());
  }
}
