package io.tiergate.server.param;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Text bound where a date-time, number or boolean is expected. */
class TextValuesTest {
  private static long utc(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test void timestampsInSqlAndIsoFormsAreUtcWallClockUnlessTheyHaveAnOffset() {
    assertThat(TextValues.timestamp("2026-12-01 00:00:00")).isEqualTo(utc("2026-12-01T00:00:00Z"));
    assertThat(TextValues.timestamp("2026-12-01T13:45:01.234"))
        .isEqualTo(utc("2026-12-01T13:45:01.234Z"));
    assertThat(TextValues.timestamp("2026-12-01")).isEqualTo(utc("2026-12-01T00:00:00Z"));
    assertThat(TextValues.timestamp("2026-12-01T00:00:00-05:00"))
        .isEqualTo(utc("2026-12-01T05:00:00Z"));
    assertThat(TextValues.timestamp(" 2026-12-01 00:00:00Z ")).isEqualTo(utc("2026-12-01T00:00:00Z"));
    assertThat(TextValues.timestamp("yesterday")).isNull();
    assertThat(TextValues.timestamp("2026-13-01 00:00:00")).isNull();
  }

  @Test void datesTimesNumbersAndBooleans() {
    assertThat(TextValues.date("1970-01-02")).isEqualTo(1);
    assertThat(TextValues.date("01/02/1970")).isNull();
    assertThat(TextValues.time("00:00:01.5")).isEqualTo(1500);
    assertThat(TextValues.number(" 12.50 ")).isEqualTo(new BigDecimal("12.50"));
    assertThat(TextValues.number("12,5")).isNull();
    assertThat(TextValues.bool("TRUE")).isTrue();
    assertThat(TextValues.bool("0")).isFalse();
    assertThat(TextValues.bool("maybe")).isNull();
  }

  @Test void aTimestampWrittenBackAsText() {
    assertThat(TextValues.timestampText(utc("2026-12-01T13:45:01.234Z")))
        .isEqualTo("2026-12-01 13:45:01.234");
  }
}
