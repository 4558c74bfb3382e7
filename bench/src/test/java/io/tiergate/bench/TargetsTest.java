package io.tiergate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The target lines are what scripts read from a benchmark's output, so their form is fixed. */
class TargetsTest {
  @Test
  void printsOneLinePerTargetInTheContractForm() {
    Targets targets = new Targets();
    targets.add("point_lookup_p50_vs_getitem", 2.3125, Targets.Goal.AT_MOST, 1.3, "x");
    targets.add("point_lookup_p99", 8.25, Targets.Goal.BELOW, 10, "ms");
    targets.add("lookups_per_second_vs_sdk", 0.5, Targets.Goal.AT_LEAST, 0.5, "x");
    targets.add("hot_only_requests_to_warm_and_cold", 3, Targets.Goal.EQUAL, 0, "");
    targets.add("plan_cache_miss_p50", Double.NaN, Targets.Goal.BELOW, 50, "ms");

    assertThat(printed(targets)).isEqualTo("""

        target point_lookup_p50_vs_getitem value=2.313x goal=<=1.300x missed
        target point_lookup_p99 value=8.250ms goal=<10ms met
        target lookups_per_second_vs_sdk value=0.500x goal=>=0.500x met
        target hot_only_requests_to_warm_and_cold value=3 goal==0 missed
        target plan_cache_miss_p50 value=NaNms goal=<50ms missed
        """);
  }

  @Test
  void verdictIsForTheProseAndFollowsTheSameComparison() {
    Targets targets = new Targets();
    targets.add("ratio", 1.1, Targets.Goal.AT_MOST, 1.1, "x");
    assertThat(targets.verdict("ratio")).isEqualTo("met");
    targets.add("ratio", 1.2, Targets.Goal.AT_MOST, 1.1, "x");
    assertThat(targets.verdict("ratio")).isEqualTo("MISSED");
  }

  private static String printed(Targets targets) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      targets.print();
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }
}
