package io.tiergate.server.differential;

import io.tiergate.server.differential.DifferentialQuery.At;
import java.util.Random;

/**
 * Random conditions on {@code event_time}: ranges open below or above, closed ones (both
 * bounds, or BETWEEN), two ranges OR'd, and now and then a single instant. Their instants are
 * {@link SliceEdges} terms, mostly on or around a tier boundary (the floors, and the dataset's
 * clock): exactly on it, a millisecond either side, or seconds, hours, days away, or anywhere in
 * the year around it; so a range starts or ends in every tier, and outside all of them.
 */
final class RandomTimeRanges {
  private static final String[] BASES = {"cold", "warm", "hot", "now"};
  private static final String[] BELOW = {"<", "<="};
  private static final String[] ABOVE = {">", ">="};

  private final Random random;

  RandomTimeRanges(Random random) {
    this.random = random;
  }

  /** A condition on the time column, its instants written through {@code values}. */
  String condition(QueryValues values) {
    return switch (random.nextInt(10)) {
      case 0, 1 -> "event_time " + pick(BELOW) + " " + values.of(this::instant);
      case 2, 3 -> "event_time " + pick(ABOVE) + " " + values.of(this::instant);
      case 4, 5 -> closed(values);
      case 6 -> "event_time BETWEEN " + values.of(this::instant) + " AND "
          + values.of(this::instant);
      case 7 -> "(" + range(values) + ") OR (" + range(values) + ")";
      case 8 -> values.of(this::instant) + " " + pick(BELOW) + " event_time"; // literal first
      default -> "event_time = " + values.of(this::edge);
    };
  }

  private String closed(QueryValues values) {
    return "event_time " + pick(ABOVE) + " " + values.of(this::instant) + " AND event_time "
        + pick(BELOW) + " " + values.of(this::instant);
  }

  private String range(QueryValues values) {
    return switch (random.nextInt(3)) {
      case 0 -> "event_time " + pick(BELOW) + " " + values.of(this::instant);
      case 1 -> "event_time " + pick(ABOVE) + " " + values.of(this::instant);
      default -> closed(values);
    };
  }

  /** An instant near a boundary, or anywhere in the year around one. */
  Object instant() {
    String base = pick(BASES);
    return switch (random.nextInt(7)) {
      case 0 -> new At(base);
      case 1 -> new At(base + (random.nextBoolean() ? "+1" : "-1"));
      case 2 -> new At(base + sign() + (2 + random.nextInt(998)));
      case 3 -> new At(base + sign() + (1 + random.nextInt(59)) + "s");
      case 4 -> new At(base + sign() + (1 + random.nextInt(47)) + "h");
      case 5 -> new At(base + sign() + (1 + random.nextInt(400)) + "d");
      default -> new At(base + sign() + (long) (random.nextDouble() * 365 * 86_400_000L));
    };
  }

  /** An instant on a boundary or a millisecond off it: where the edge rows are. */
  private Object edge() {
    return new At(pick(BASES) + (random.nextInt(3) == 0 ? "" : sign() + "1"));
  }

  private String sign() {
    return random.nextBoolean() ? "+" : "-";
  }

  private String pick(String[] options) {
    return options[random.nextInt(options.length)];
  }
}
