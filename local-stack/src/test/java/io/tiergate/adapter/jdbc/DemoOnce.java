package io.tiergate.adapter.jdbc;

import io.tiergate.local.LocalStack;
import io.tiergate.local.demo.DemoDataset;
import io.tiergate.local.demo.DemoLoader;
import java.time.Instant;

/** The demo data, loaded once per test JVM into the shared local stack. */
public final class DemoOnce {
  static final int ROWS = 20_000;
  private static DemoLoader.DemoSummary summary;

  private DemoOnce() {
  }

  public static synchronized DemoLoader.DemoSummary load(LocalStack stack) {
    if (summary == null) {
      summary = new DemoLoader(stack, new DemoDataset(DemoDataset.DEFAULT_SEED, ROWS,
          Instant.parse("2026-11-25T12:00:00Z"))).load();
    }
    return summary;
  }
}
