package io.tiergate.planner.rules;

import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteConnection;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a query over un-restored archived cold partitions does, per connection (the client's
 * connection option {@code archived}). The gateway records it in the Calcite connection's
 * properties under {@link #PROPERTY}; a plan reads it where it runs, so one cached plan serves
 * connections of every mode.
 */
public enum ArchivedMode {
  /** Refuse, naming the partitions and the restore to run (the default). */
  FAIL,
  /** Restore what the query needs, then answer (the gateway does the restore). */
  RESTORE,
  /** Answer from what is readable; leave out the archived days and say so in a warning. */
  SKIP;

  /** Where the gateway records the mode in a Calcite connection's properties. */
  public static final String PROPERTY = "tiergate.archived";

  /** The option's value as a client writes it ({@code fail}, {@code restore}, {@code skip}). */
  public String optionValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The mode named by a client's option value; null means the default.
   *
   * @throws IllegalArgumentException naming the option and the values it takes
   */
  public static ArchivedMode parse(@Nullable String value, String option) {
    if (value == null) {
      return FAIL;
    }
    for (ArchivedMode mode : values()) {
      if (mode.optionValue().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return mode;
      }
    }
    throw new IllegalArgumentException("Connection option " + option + "='" + value
        + "' is not one of " + Arrays.stream(values()).map(ArchivedMode::optionValue)
        .collect(Collectors.joining(", ")));
  }

  /** The mode recorded in a Calcite connection's properties (FAIL when none is). */
  public static ArchivedMode of(Properties calciteProperties) {
    String value = calciteProperties.getProperty(PROPERTY);
    return value == null ? FAIL : valueOf(value);
  }

  /** The mode of the connection a statement is planned for (FAIL when the planner has none). */
  public static ArchivedMode of(org.apache.calcite.plan.Context plannerContext) {
    return plannerContext.maybeUnwrap(ArchivedMode.class).orElse(FAIL);
  }

  /** The mode of the connection a statement runs in (FAIL outside a Calcite connection). */
  public static ArchivedMode of(DataContext root) {
    return root.getQueryProvider() instanceof CalciteConnection connection
        ? of(connection.getProperties()) : FAIL;
  }
}
