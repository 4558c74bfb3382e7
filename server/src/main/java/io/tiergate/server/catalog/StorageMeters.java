package io.tiergate.server.catalog;

import io.tiergate.adapter.s3.DayPartitionLayout;
import io.tiergate.adapter.s3.S3Location;
import io.tiergate.adapter.s3.S3ObjectStore;
import io.tiergate.lifecycle.admin.ColdPartitionLister;
import io.tiergate.lifecycle.admin.DynamoDbTierMeter;
import io.tiergate.lifecycle.admin.JdbcTierMeter;
import io.tiergate.lifecycle.admin.StoragePrices;
import io.tiergate.lifecycle.admin.StorageReport;
import io.tiergate.lifecycle.admin.TableStorage;
import io.tiergate.lifecycle.admin.TierMeter;
import io.tiergate.planner.manifest.ManifestStore;
import io.tiergate.server.config.TiergateConfig;
import io.tiergate.server.config.TiergateConfig.TableConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Wires {@code tiergate.tiers} and {@code tiergate.partitions} to the configured stores. */
final class StorageMeters {
  private StorageMeters() {
  }

  /**
   * @param dynamo null without stores.dynamodb; {@code warm} without stores.redshift;
   *     {@code objects} without stores.s3: the tiers in a missing store are left out
   */
  static StorageReport report(TiergateConfig config, ManifestStore manifests,
      DynamoDbClient dynamo, DataSource warm, S3ObjectStore objects) {
    List<TableStorage> tables = new ArrayList<>();
    config.tables().forEach((name, table) -> {
      if (table.isTiered()) {
        tables.add(tableStorage(config, name, table, dynamo, warm, objects));
      }
    });
    var p = config.prices();
    return new StorageReport(manifests, tables, new StoragePrices(p.hot(), p.warm(), p.cold()),
        Clock.systemUTC());
  }

  private static TableStorage tableStorage(TiergateConfig config, String name, TableConfig t,
      DynamoDbClient dynamo, DataSource warm, S3ObjectStore objects) {
    TierMeter hot = t.hot() == null || dynamo == null ? null
        : new DynamoDbTierMeter(dynamo, t.hot().table());
    TierMeter warmMeter = t.warm() == null || warm == null ? null
        : new JdbcTierMeter(warm, config.stores().redshift().url(), t.warm().table(),
            t.timeColumn());
    ColdPartitionLister cold = t.cold() == null || t.cold().s3() == null || objects == null
        ? null : new ColdPartitionLister(objects,
            new DayPartitionLayout(S3Location.parse(t.cold().s3())));
    return new TableStorage(name, GatewayCatalog.DYNAMODB, hot, GatewayCatalog.REDSHIFT,
        warmMeter, GatewayCatalog.ATHENA, cold);
  }
}
