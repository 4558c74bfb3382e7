package io.tiergate.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The targets one benchmark run checks, printed together as its last lines, one per target:
 * {@code target <name> value=<v> goal=<g> met|missed}. Scripts and the release checks read
 * those lines, so their form is a contract; the prose above them is for people.
 */
final class Targets {
  /** How a measured value is compared with its goal. */
  enum Goal {
    AT_MOST("<="),
    BELOW("<"),
    AT_LEAST(">="),
    EQUAL("=");

    private final String symbol;

    Goal(String symbol) {
      this.symbol = symbol;
    }

    boolean met(double value, double goal) {
      return switch (this) {
        case AT_MOST -> value <= goal;
        case BELOW -> value < goal;
        case AT_LEAST -> value >= goal;
        case EQUAL -> value == goal;
      };
    }
  }

  private record Target(String name, double value, Goal goal, double bound, String unit) {
    boolean met() {
      return !Double.isNaN(value) && goal.met(value, bound);
    }

    String line() {
      return "target " + name + " value=" + number(value) + unit + " goal=" + goal.symbol
          + number(bound) + unit + " " + (met() ? "met" : "missed");
    }
  }

  private final List<Target> targets = new ArrayList<>();

  /**
   * Records a target. {@code unit} is appended to value and goal as printed ({@code x} for a
   * ratio, {@code ms}, {@code /s} or empty for a count).
   */
  void add(String name, double value, Goal goal, double bound, String unit) {
    targets.add(new Target(name, value, goal, bound, unit));
  }

  /** Whether the target just recorded under this name was met, for the prose lines. */
  String verdict(String name) {
    for (int i = targets.size() - 1; i >= 0; i--) {
      if (targets.get(i).name().equals(name)) {
        return targets.get(i).met() ? "met" : "MISSED";
      }
    }
    throw new IllegalArgumentException("no target named " + name);
  }

  /** Prints every target line, after a blank line, in the order recorded. */
  void print() {
    System.out.println();
    for (Target t : targets) {
      System.out.println(t.line());
    }
    System.out.flush();
  }

  private static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.3f", v);
  }
}
