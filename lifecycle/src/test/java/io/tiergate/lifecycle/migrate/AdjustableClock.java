package io.tiergate.lifecycle.migrate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that stands still until a test moves it: leases expire when the test says so, without
 * sleeping (a paused JVM, seen from the runner that takes over).
 */
final class AdjustableClock extends Clock {
  private final AtomicLong millis;

  AdjustableClock(long startMillis) {
    this.millis = new AtomicLong(startMillis);
  }

  void advance(Duration by) {
    millis.addAndGet(by.toMillis());
  }

  @Override public long millis() {
    return millis.get();
  }

  @Override public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a UTC test clock");
  }
}
