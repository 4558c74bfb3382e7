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
 */
public final class AdminSchema extends AbstractSchema {
  public static final String NAME = "tiergate";

  private final RestoreService restores;
  private final MigrationRunner migrations;

  public AdminSchema(RestoreService restores, MigrationRunner migrations) {
    this.restores = restores;
    this.migrations = migrations;
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

  /** The admin schema of the connection a procedure runs in. */
  static AdminSchema of(DataContext root) {
    SchemaPlus schema = root.getRootSchema().getSubSchema(NAME);
    AdminSchema admin = schema == null ? null : schema.unwrap(AdminSchema.class);
    if (admin == null) {
      throw new IllegalStateException("No schema '" + NAME + "' in this connection");
    }
    return admin;
  }

  @Override protected Multimap<String, Function> getFunctionMultimap() {
    return ImmutableMultimap.<String, Function>builder()
        .put("restore", TableFunctionImpl.create(RestoreProcedure.class, "restore"))
        // An optional dry_run argument: one function per arity, Calcite picks by count.
        .put("migrate", TableFunctionImpl.create(MigrateProcedure.class, "migrate"))
        .put("migrate", TableFunctionImpl.create(MigrateProcedure.class, "migrateDryRun"))
        .put("expire", TableFunctionImpl.create(MigrateProcedure.class, "expire"))
        .put("expire", TableFunctionImpl.create(MigrateProcedure.class, "expireDryRun"))
        .build();
  }

  @Override protected Map<String, Table> getTableMap() {
    return Map.of("jobs", new JobsTable());
  }
}
