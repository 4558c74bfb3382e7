package io.tiergate.planner.range;

/**
 * The value of an expression that does not read the row, as {@link TimeBoundEvaluator} finds it.
 * What a {@link Known} number means follows from the expression's SQL type: epoch milliseconds
 * for TIMESTAMP and DATE (a date is its midnight), milliseconds or months for day-time or
 * year-month intervals, the number itself for exact numerics.
 */
sealed interface BoundValue {
  record Known(long value) implements BoundValue {
  }

  record Text(String value) implements BoundValue {
  }

  /** SQL NULL, or a value this package cannot work out (not bound yet, or not understood). */
  enum Missing implements BoundValue {
    NULL, UNKNOWN
  }
}
