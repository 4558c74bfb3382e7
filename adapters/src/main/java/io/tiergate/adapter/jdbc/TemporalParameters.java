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
import java.time.ZoneOffset;

/**
 * Turns Calcite's internal time values back into JDBC time values before they reach a store.
 *
 * <p>Calcite's JDBC adapter binds a pushed-down parameter with its internal value: a TIMESTAMP
 * as epoch millis (a {@code long}), a DATE as epoch days (an {@code int}). Trino then sees a
 * bigint ({@code Cannot apply operator: timestamp(3) >= bigint}), PostgreSQL an int8. The store
 * tells the type each parameter must have (PostgreSQL's Describe, Trino's DESCRIBE INPUT); a
 * number bound where it says TIMESTAMP or DATE is bound as the UTC wall clock it stands for.
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
    long number = ((Number) value).longValue();
    switch (parameterTypes[index - 1]) {
      case Types.TIMESTAMP -> statement.setObject(index,
          LocalDateTime.ofInstant(Instant.ofEpochMilli(number), ZoneOffset.UTC));
      case Types.DATE -> statement.setObject(index, LocalDate.ofEpochDay(number));
      default -> {
        return false;
      }
    }
    return true;
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
