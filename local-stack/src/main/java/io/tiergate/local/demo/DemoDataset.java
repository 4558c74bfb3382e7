package io.tiergate.local.demo;

import io.tiergate.planner.catalog.ColumnSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The demo's data, generated deterministically from a seed: the same seed, size and clock give
 * the same rows. Events span seven years up to {@code now}, denser in recent times as real
 * traffic grows: a fifth in the last 30 days, three tenths in the rest of the last year, half
 * in the six years before. Rows are Calcite's internal values (TIMESTAMP as epoch millis).
 */
public final class DemoDataset {
  public static final long DEFAULT_SEED = 20261125L;
  public static final int DEFAULT_ROWS = 100_000;
  public static final Duration SPAN = Duration.ofDays(7 * 365);

  public static final List<ColumnSpec> EVENT_COLUMNS = List.of(
      new ColumnSpec("tenant_id", SqlTypeName.VARCHAR),
      new ColumnSpec("event_id", SqlTypeName.VARCHAR),
      new ColumnSpec("event_time", SqlTypeName.TIMESTAMP),
      new ColumnSpec("kind", SqlTypeName.VARCHAR),
      new ColumnSpec("amount", SqlTypeName.DOUBLE),
      new ColumnSpec("user_id", SqlTypeName.VARCHAR),
      new ColumnSpec("region", SqlTypeName.VARCHAR));
  public static final int EVENT_TIME = 2;

  public static final List<ColumnSpec> SESSION_COLUMNS = List.of(
      new ColumnSpec("session_id", SqlTypeName.VARCHAR),
      new ColumnSpec("tenant_id", SqlTypeName.VARCHAR),
      new ColumnSpec("user_id", SqlTypeName.VARCHAR),
      new ColumnSpec("started_at", SqlTypeName.TIMESTAMP),
      new ColumnSpec("last_seen", SqlTypeName.TIMESTAMP),
      new ColumnSpec("expires_at", SqlTypeName.TIMESTAMP));

  private static final String[] KINDS = {"view", "view", "view", "click", "click", "purchase",
      "signup", "refund"};
  private static final String[] REGIONS = {"us-east-1", "us-west-2", "eu-west-1",
      "eu-central-1", "ap-south-1"};
  private static final int TENANTS = 50;

  private final long seed;
  private final int rows;
  private final long nowMillis;

  public DemoDataset(long seed, int rows, Instant now) {
    if (rows < 0) {
      throw new IllegalArgumentException("rows must be >= 0, got " + rows);
    }
    this.seed = seed;
    this.rows = rows;
    this.nowMillis = now.truncatedTo(ChronoUnit.SECONDS).toEpochMilli();
  }

  public int rows() {
    return rows;
  }

  public long nowMillis() {
    return nowMillis;
  }

  /** Streams the events; nothing is held in memory. */
  public Iterator<Object[]> events() {
    SplittableRandom random = new SplittableRandom(seed);
    return new Iterator<>() {
      private int i;

      @Override public boolean hasNext() {
        return i < rows;
      }

      @Override public Object[] next() {
        return event(i++, random);
      }
    };
  }

  public void forEachEvent(Consumer<Object[]> consumer) {
    events().forEachRemaining(consumer);
  }

  private Object[] event(int i, SplittableRandom random) {
    double band = random.nextDouble();
    long day = Duration.ofDays(1).toMillis();
    long age;
    if (band < 0.2) {
      age = random.nextLong(30 * day);
    } else if (band < 0.5) {
      age = 30 * day + random.nextLong(335 * day);
    } else {
      age = 365 * day + random.nextLong(SPAN.toMillis() - 365 * day - day);
    }
    String kind = KINDS[random.nextInt(KINDS.length)];
    Double amount = kind.equals("purchase") || kind.equals("refund")
        ? Math.round(random.nextDouble() * 50_000) / 100.0 : null;
    return new Object[] {
        String.format("tenant-%02d", random.nextInt(TENANTS)),
        String.format("e%09d", i),
        nowMillis - age,
        kind,
        amount,
        String.format("user-%05d", random.nextInt(5_000)),
        REGIONS[random.nextInt(REGIONS.length)]};
  }

  /** Session hashes: id, tenant, user, started, last seen, expiry (all in the future). */
  public List<Object[]> sessions(int count) {
    SplittableRandom random = new SplittableRandom(seed + 1);
    List<Object[]> sessions = new java.util.ArrayList<>(count);
    long hour = Duration.ofHours(1).toMillis();
    for (int i = 0; i < count; i++) {
      long started = nowMillis - random.nextLong(12 * hour);
      long lastSeen = started + random.nextLong(nowMillis - started + 1);
      sessions.add(new Object[] {String.format("s-%06d", i),
          String.format("tenant-%02d", random.nextInt(TENANTS)),
          String.format("user-%05d", random.nextInt(5_000)),
          started, lastSeen, lastSeen + 24 * hour});
    }
    return sessions;
  }

  /** Metric points (series, ts, value): one a minute over the last day per series. */
  public List<Object[]> metricPoints(List<String> series) {
    SplittableRandom random = new SplittableRandom(seed + 2);
    List<Object[]> points = new java.util.ArrayList<>();
    long minute = Duration.ofMinutes(1).toMillis();
    long start = nowMillis - nowMillis % minute - 24 * 60 * minute;
    for (String name : series) {
      double level = 20 + random.nextDouble() * 60;
      for (int m = 0; m < 24 * 60; m++) {
        double value = Math.round((level + random.nextGaussian() * 5) * 100) / 100.0;
        points.add(new Object[] {name, start + m * minute, value});
      }
    }
    return points;
  }
}
