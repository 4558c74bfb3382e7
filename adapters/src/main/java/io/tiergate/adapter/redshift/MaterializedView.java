package io.tiergate.adapter.redshift;

import io.tiergate.adapter.redshift.RedshiftConnectionFactory.Engine;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A materialized view in the warm store that keeps a hot aggregate precomputed (ADR-003): a
 * dashboard's daily totals are read from a few hundred rows instead of re-aggregating the
 * warm table on every refresh of the page.
 *
 * <p>On Redshift the view refreshes itself ({@code AUTO REFRESH YES}: Redshift refreshes it
 * incrementally, for SUM and COUNT with GROUP BY, after changes to the base table, when the
 * cluster has room). PostgreSQL has no automatic refresh, so the local stack issues
 * {@code REFRESH MATERIALIZED VIEW} itself after each load; both engines accept that statement.
 */
public record MaterializedView(String name, String query) {
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");
  private static final Pattern COLUMN = Pattern.compile("[a-z_][a-z0-9_]*");

  public MaterializedView {
    Objects.requireNonNull(query, "query");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Materialized view name '" + name
          + "' is not a plain [schema.]name of lower-case letters, digits and '_'");
    }
  }

  /**
   * Per UTC day of the table's time column and per value of {@code groupColumn}: the sum of
   * {@code sumColumn} and the number of rows, as {@code event_day, <groupColumn>, total, rows}.
   * Named {@code <table's schema>.daily_<sumColumn>_by_<groupColumn>}.
   */
  public static MaterializedView dailyTotals(WarmTable table, String groupColumn,
      String sumColumn) {
    for (String column : new String[] {groupColumn, sumColumn}) {
      if (column == null || !COLUMN.matcher(column).matches()
          || !table.columnNames().contains(column)) {
        throw new IllegalArgumentException("Warm table " + table.name() + " has no column '"
            + column + "' among " + table.columnNames());
      }
    }
    int dot = table.name().indexOf('.');
    String schema = dot < 0 ? "" : table.name().substring(0, dot + 1);
    String day = "DATE_TRUNC('day', " + table.timeColumn() + ")";
    return new MaterializedView(schema + "daily_" + sumColumn + "_by_" + groupColumn,
        "SELECT " + day + " AS event_day, " + groupColumn + ", SUM(" + sumColumn
            + ") AS total, COUNT(*) AS row_count FROM " + table.name() + " GROUP BY " + day
            + ", " + groupColumn);
  }

  /** The CREATE statement, exactly as sent to the engine. */
  public String createStatement(Engine engine) {
    return switch (engine) {
      case REDSHIFT -> "CREATE MATERIALIZED VIEW " + name + " AUTO REFRESH YES AS " + query;
      case POSTGRESQL -> "CREATE MATERIALIZED VIEW IF NOT EXISTS " + name + " AS " + query;
    };
  }

  /** Recomputes the view; on Redshift only needed when a load must be visible at once. */
  public String refreshStatement() {
    return "REFRESH MATERIALIZED VIEW " + name;
  }

  /** Creates the view (and, on PostgreSQL, leaves an existing one as it is). */
  public void create(Connection connection, Engine engine) {
    execute(connection, createStatement(engine), "Creating");
  }

  public void refresh(Connection connection) {
    execute(connection, refreshStatement(), "Refreshing");
  }

  private void execute(Connection connection, String sql, String what) {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(what + " materialized view " + name + " failed: "
          + e.getMessage(), e);
    }
  }
}
