package io.tiergate.adapter.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * Turns Calcite's internal time values back into JDBC time values before they reach a store.
 *
 * <p>Calcite's JDBC adapter binds a pushed-down parameter with its internal value: a TIMESTAMP
 * as epoch millis (a {@code long}), a DATE as epoch days (an {@code int}). Trino then sees a
 * bigint ({@code Cannot apply operator: timestamp(3) >= bigint}), PostgreSQL an int8.
 * Statements planned through {@link PlanTypedJdbcConvention} arrive with their time parameters
 * already converted from the plan's types ({@link PlanParameterTypes}). For any number still
 * bound (a parameter the plan did not type, such as a correlation value), the store is asked
 * the type each parameter must have (PostgreSQL's Describe, Trino's DESCRIBE INPUT): a number
 * bound where it says TIMESTAMP, DATE or TIME is bound as the UTC wall clock it stands for.
 */
final class TemporalParameters {
  /** Per statement text (one per plan), the JDBC type of each parameter; empty: leave as is. */
  private final Cache<String, int[]> types = Caffeine.newBuilder().maximumSize(10_000).build();

  /**
   * Binds {@code value} at {@code index} as a time value when the statement wants one there.
   *
   * @return whether it did; if not, the caller binds the value as given
   */
  boolean bind(String sql, PreparedStatement statement, int index, Object value)
      throws SQLException {
    if (!(value instanceof Long || value instanceof Integer)) {
      return false;
    }
    int[] parameterTypes = types.get(sql, key -> describe(statement));
    if (index < 1 || index > parameterTypes.length) {
      return false;
    }
    int type = parameterTypes[index - 1];
    if (!isTime(type)) {
      return false;
    }
    statement.setObject(index, timeValue(type, ((Number) value).longValue()));
    return true;
  }

  static boolean isTime(int jdbcType) {
    return jdbcType == Types.TIMESTAMP || jdbcType == Types.DATE || jdbcType == Types.TIME;
  }

  /**
   * The UTC wall clock that Calcite's internal {@code number} of a {@link #isTime time type}
   * stands for.
   */
  static Object timeValue(int jdbcType, long number) {
    return switch (jdbcType) {
      case Types.TIMESTAMP ->
          LocalDateTime.ofInstant(Instant.ofEpochMilli(number), ZoneOffset.UTC);
      case Types.DATE -> LocalDate.ofEpochDay(number);
      case Types.TIME -> LocalTime.ofNanoOfDay(number * 1_000_000L);
      default -> throw new IllegalArgumentException("not a time type: " + jdbcType);
    };
  }

  private static int[] describe(PreparedStatement statement) {
    try {
      ParameterMetaData metadata = statement.getParameterMetaData();
      int[] result = new int[metadata.getParameterCount()];
      for (int i = 0; i < result.length; i++) {
        result[i] = metadata.getParameterType(i + 1);
      }
      return result;
    } catch (SQLException | RuntimeException e) {
      return new int[0]; // a driver that cannot describe: values go as they are
    }
  }
}
