package io.tiergate.lifecycle.admin;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import io.tiergate.lifecycle.migrate.MigrationRunner;
import io.tiergate.lifecycle.restore.RestoreService;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.TableFunctionImpl;

/**
 * The schema {@code tiergate}: administration as procedures, Trino style. {@code CALL
 * tiergate.restore(...)} reaches {@link RestoreProcedure} as a table function (the gateway
 * turns a CALL into {@code SELECT * FROM TABLE(...)}), so a call returns rows saying what it did.
 *
 * <p>Permissions: a procedure that changes anything (restore, migrate, expire) is for the
 * {@code admin} role. Its table's {@code scan} calls {@link #requireAdmin(DataContext, String)}
 * first, before any work; the check sits where the procedure runs, so every SQL form that
 * reaches it ({@code CALL}, {@code SELECT * FROM TABLE(...)}, a cached plan) is covered. The
 * function itself (evaluated while planning) must only record its arguments. Reading the
 * system tables ({@code tiers}, {@code partitions}, {@code jobs}) needs no role.
 */
public final class AdminSchema extends AbstractSchema {
  public static final String NAME = "tiergate";

  private final RestoreService restores;
  private final MigrationRunner migrations;
  private final StorageReport storage;

  /**
   * @param migrations what {@code migrate}, {@code expire} and {@code jobs} run on; null: none
   * @param storage what the system tables {@code tiers} and {@code partitions} show; null: none
   */
  public AdminSchema(RestoreService restores, MigrationRunner migrations,
      StorageReport storage) {
    this.restores = restores;
    this.migrations = migrations;
    this.storage = storage;
  }

  public MigrationRunner migrations() {
    if (migrations == null) {
      throw new IllegalStateException("Migrations need stores.dynamodb (the control table) in "
          + "the configuration and a tiered table; this gateway has neither");
    }
    return migrations;
  }

  public RestoreService restores() {
    if (restores == null) {
      throw new IllegalStateException("CALL tiergate.restore needs stores.s3 in the "
          + "configuration; this gateway has no S3 store configured");
    }
    return restores;
  }

  /**
   * Fails with {@link PermissionDeniedException} unless the statement running in {@code root}
   * was sent by a caller with the admin role. Call it first in a changing procedure's scan:
   * {@code AdminSchema.requireAdmin(root, "migrate")}.
   */
  public static Caller requireAdmin(DataContext root, String procedure) {
    Caller caller = Caller.of(root);
    if (!caller.hasRole(Caller.ADMIN)) {
      throw PermissionDeniedException.missingRole("CALL " + NAME + "." + procedure,
          Caller.ADMIN, caller);
    }
    return caller;
  }

  /** The admin schema of the connection a procedure runs in. */
  static AdminSchema of(DataContext root) {
    SchemaPlus schema = root.getRootSchema().getSubSchema(NAME);
    AdminSchema admin = schema == null ? null : schema.unwrap(AdminSchema.class);
    if (admin == null) {
      throw new IllegalStateException("No schema '" + NAME + "' in this connection");
    }
    return admin;
  }

  @Override protected Map<String, Table> getTableMap() {
    Map<String, Table> tables = new java.util.LinkedHashMap<>();
    tables.put("jobs", new JobsTable());
    if (storage != null) {
      tables.put("tiers", SystemTable.tiers(storage));
      tables.put("partitions", SystemTable.partitions(storage));
    }
    return tables;
  }

  @Override protected Multimap<String, Function> getFunctionMultimap() {
    return ImmutableMultimap.<String, Function>builder()
        .put("restore", TableFunctionImpl.create(RestoreProcedure.class, "restore"))
        .put("warnings", TableFunctionImpl.create(StatementWarnings.class, "warnings"))
        // An optional dry_run argument: one function per arity, Calcite picks by count.
        .put("migrate", TableFunctionImpl.create(MigrateProcedure.class, "migrate"))
        .put("migrate", TableFunctionImpl.create(MigrateProcedure.class, "migrateDryRun"))
        .put("expire", TableFunctionImpl.create(MigrateProcedure.class, "expire"))
        .put("expire", TableFunctionImpl.create(MigrateProcedure.class, "expireDryRun"))
        .build();
  }
}
