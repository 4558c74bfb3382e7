package io.tiergate.planner.range;

import io.tiergate.planner.range.RandomTimePredicates.Parameter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Properties;
import java.util.TimeZone;
import org.apache.calcite.DataContext;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.Holder;

/**
 * Evaluates predicates row by row the way Calcite executes them: a real Calcite JDBC connection
 * (session time zone UTC, the statement clock pinned through {@link Hook#CURRENT_TIME}) over an
 * in-memory {@code events} table, one query projecting many predicates. It also hands back each
 * predicate as that statement converted it ({@link Hook#CONVERTED}), so that the extractor reads
 * exactly what was executed.
 */
final class CalciteOracle implements AutoCloseable {
  private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

  private final Connection connection;
  private final List<Object[]> rows = new ArrayList<>();

  /** A table with one row per time (a null time is a row with NULL event_time). */
  CalciteOracle(List<Long> times) throws SQLException {
    String[] tenants = {"a", "b", null};
    for (int i = 0; i < times.size(); i++) {
      rows.add(new Object[] {times.get(i), tenants[i % 3], (double) (i % 11), i});
    }
    Properties properties = new Properties();
    properties.setProperty("timeZone", "UTC");
    connection = DriverManager.getConnection("jdbc:calcite:", properties);
    connection.unwrap(CalciteConnection.class).getRootSchema().add("EVENTS", new EventsTable());
  }

  /** The time of row {@code row}, or null. */
  Long time(int row) {
    return (Long) rows.get(row)[0];
  }

  int rowCount() {
    return rows.size();
  }

  /**
   * What Calcite made of a batch of predicates: {@code selected[p][row]} is whether predicate p
   * is TRUE on that row, {@code conditions.get(p)} is p as the statement converted it (before
   * optimization, so as the gateway's rules would see it), built by {@code rexBuilder}.
   */
  record Evaluation(boolean[][] selected, List<RexNode> conditions, RexBuilder rexBuilder) {
  }

  /** Runs {@code SELECT row_id, p1, ..., pn FROM events} with the statement clock at now. */
  Evaluation evaluate(List<String> predicates, List<Parameter> parameters, long now)
      throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT row_id");
    for (String predicate : predicates) {
      sql.append(",\n ").append(predicate);
    }
    sql.append("\nFROM events");
    boolean[][] selected = new boolean[predicates.size()][rows.size()];
    List<RelNode> converted = new ArrayList<>();
    try (Hook.Closeable clock = Hook.CURRENT_TIME.addThread((Holder<Long> time) -> time.set(now));
        Hook.Closeable capture = Hook.CONVERTED.addThread((RelNode rel) -> converted.add(rel));
        PreparedStatement statement = connection.prepareStatement(sql.toString())) {
      for (int i = 0; i < parameters.size(); i++) {
        bind(statement, i + 1, parameters.get(i));
      }
      try (ResultSet resultSet = statement.executeQuery()) {
        while (resultSet.next()) {
          int row = resultSet.getInt(1);
          for (int p = 0; p < predicates.size(); p++) {
            selected[p][row] = resultSet.getBoolean(p + 2) && !resultSet.wasNull();
          }
        }
      }
    }
    Project project = (Project) converted.get(0);
    List<RexNode> conditions = project.getProjects().subList(1, project.getProjects().size());
    return new Evaluation(selected, List.copyOf(conditions),
        project.getCluster().getRexBuilder());
  }

  private static void bind(PreparedStatement statement, int index, Parameter parameter)
      throws SQLException {
    Object value = parameter.value();
    switch (parameter.type()) {
      case "TIMESTAMP" -> {
        if (value == null) {
          statement.setNull(index, Types.TIMESTAMP);
        } else {
          statement.setTimestamp(index, new java.sql.Timestamp((Long) value), UTC);
        }
      }
      case "DATE" -> {
        if (value == null) {
          statement.setNull(index, Types.DATE);
        } else {
          statement.setDate(index,
              new java.sql.Date((Integer) value * DateTimeUtils.MILLIS_PER_DAY), UTC);
        }
      }
      default -> statement.setInt(index, (Integer) value);
    }
  }

  @Override public void close() throws SQLException {
    connection.close();
  }

  private final class EventsTable extends AbstractTable implements ScannableTable {
    @Override public RelDataType getRowType(RelDataTypeFactory types) {
      return types.builder()
          .addAll(EventsConditions.rowType(types).getFieldList())
          .add("ROW_ID", SqlTypeName.INTEGER)
          .build();
    }

    @Override public Enumerable<Object[]> scan(DataContext root) {
      return Linq4j.asEnumerable(rows);
    }
  }
}
