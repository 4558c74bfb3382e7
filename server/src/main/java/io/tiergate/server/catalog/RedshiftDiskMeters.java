package io.tiergate.server.catalog;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warm store's disk, read when the gauge is read. On Redshift,
 * {@code tiergate_redshift_disk_used_ratio}: used over capacity of the cluster's disks
 * ({@code stv_partitions}, which only a superuser sees whole; Redshift Serverless has none, and
 * the gauge then has no value). The PostgreSQL stand-in has no such view and no fixed capacity,
 * so there the gauge is {@code tiergate_redshift_database_bytes}, the database's size
 * ({@code pg_database_size}), to be compared with a threshold in bytes.
 */
final class RedshiftDiskMeters {
  private static final Logger LOG = LoggerFactory.getLogger(RedshiftDiskMeters.class);
  /** Per AWS's documentation: part_begin = 0 counts each partition once. */
  static final String REDSHIFT_DISK = "SELECT SUM(used)::FLOAT8 / SUM(capacity)"
      + " FROM stv_partitions WHERE part_begin = 0";
  static final String POSTGRES_SIZE = "SELECT pg_database_size(current_database())";

  private RedshiftDiskMeters() {
  }

  static void register(MeterRegistry registry, DataSource warm, String url) {
    if (url != null && url.startsWith("jdbc:postgresql:")) {
      Gauge.builder("tiergate.redshift.database", () -> query(warm, POSTGRES_SIZE))
          .description("Size of the warm store's database (the PostgreSQL stand-in)")
          .baseUnit("bytes").register(registry);
    } else {
      Gauge.builder("tiergate.redshift.disk.used.ratio", () -> query(warm, REDSHIFT_DISK))
          .description("Redshift's disks: used over capacity (stv_partitions)")
          .register(registry);
    }
  }

  private static double query(DataSource warm, String sql) {
    try (Connection c = warm.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() && rs.getObject(1) != null ? rs.getDouble(1) : Double.NaN;
    } catch (SQLException e) {
      LOG.debug("Measuring the warm store's disk failed: {}", e.getMessage());
      return Double.NaN;
    }
  }
}
