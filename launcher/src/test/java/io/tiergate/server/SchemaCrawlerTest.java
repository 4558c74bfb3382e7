package io.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import schemacrawler.schema.Catalog;
import schemacrawler.schema.Column;
import schemacrawler.schema.Table;
import schemacrawler.schema.TableConstraintColumn;
import schemacrawler.schemacrawler.LimitOptionsBuilder;
import schemacrawler.schemacrawler.LoadOptionsBuilder;
import schemacrawler.schemacrawler.SchemaCrawlerOptions;
import schemacrawler.schemacrawler.SchemaCrawlerOptionsBuilder;
import schemacrawler.schemacrawler.SchemaInfoLevelBuilder;
import schemacrawler.tools.utility.SchemaCrawlerUtility;
import us.fatehi.utility.datasource.DatabaseConnectionSource;
import us.fatehi.utility.datasource.DatabaseConnectionSources;
import us.fatehi.utility.datasource.MultiUseUserCredentials;

/**
 * A real third-party metadata client, SchemaCrawler, crawls the gateway as a BI tool's schema
 * browser does (tables, columns, keys, through every DatabaseMetaData call it makes), through the
 * Tiergate driver and through Avatica's own generic remote driver, in both serializations.
 */
@ExtendWith(TestGateway.Extension.class)
class SchemaCrawlerTest {
  @ParameterizedTest
  @ValueSource(strings = {"tiergate:", "tiergate:?serialization=json", "avatica:protobuf",
      "avatica:json"})
  void listsTheTablesTheirColumnsAndTheKey(String client, TestGateway tg) throws Exception {
    Catalog catalog = crawl(url(client, tg));

    Map<String, Table> tables = new TreeMap<>();
    for (Table table : catalog.getTables()) {
      tables.put(table.getSchema().getName() + "." + table.getName(), table);
    }
    assertThat(tables).containsKeys(".events", ".sessions", ".metrics", "tiergate.tiers",
        "tiergate.primary_keys");
    assertThat(tables).as("a store's index is not a table").doesNotContainKey(
        "redshift.events_pkey");

    Table events = tables.get(".events");
    assertThat(events.getColumns()).extracting(Column::getName).containsExactly("tenant_id",
        "event_id", "event_time", "kind", "amount", "user_id", "region");
    assertThat(events.lookupColumn("event_time").orElseThrow().getColumnDataType().getName())
        .isEqualTo("TIMESTAMP");
    assertThat(events.lookupColumn("amount").orElseThrow().getColumnDataType().getName())
        .isEqualTo("DOUBLE");
    if (client.startsWith("tiergate:")) {
      assertThat(events.hasPrimaryKey()).as("events' key from the configuration").isTrue();
      assertThat(events.getPrimaryKey().getConstrainedColumns())
          .extracting(TableConstraintColumn::getName).containsExactly("tenant_id", "event_id");
    } else {
      // Avatica's protocol has no getPrimaryKeys request (its client answers with no rows
      // without asking the server); the keys are in tiergate.primary_keys for such clients.
      assertThat(tables.get("tiergate.primary_keys").getColumns()).extracting(Column::getName)
          .contains("table_name", "column_name");
    }

    assertThat(tables.get(".sessions").getColumns()).isNotEmpty();
    assertThat(tables.get(".metrics").getColumns()).isNotEmpty();
  }

  private static String url(String client, TestGateway tg) {
    if (client.startsWith("tiergate:")) {
      return tg.url() + client.substring("tiergate:".length());
    }
    String gateway = tg.url().replace("jdbc:tiergate://", "http://");
    // Avatica's client answers the gateway's HTTP Basic challenge when told to.
    return "jdbc:avatica:remote:url=" + gateway + ";serialization="
        + client.substring("avatica:".length())
        + ";authentication=BASIC;avatica_user=reader;avatica_password=reader";
  }

  private static Catalog crawl(String url) throws Exception {
    // As a schema browser that also shows system tables asks for them.
    SchemaCrawlerOptions options = SchemaCrawlerOptionsBuilder.newSchemaCrawlerOptions()
        .withLimitOptions(LimitOptionsBuilder.builder()
            .tableTypes("TABLE", "VIEW", "SYSTEM TABLE").toOptions())
        .withLoadOptions(LoadOptionsBuilder.builder()
            .withSchemaInfoLevel(SchemaInfoLevelBuilder.standard()).toOptions());
    DatabaseConnectionSource source = DatabaseConnectionSources.newDatabaseConnectionSource(url,
        new MultiUseUserCredentials("reader", "reader"));
    try {
      return SchemaCrawlerUtility.getCatalog(source, options);
    } finally {
      source.close();
    }
  }
}
