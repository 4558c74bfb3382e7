package io.tiergate.server.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TiersReadTest {
  @Test void storesNameTheirTiersYoungestFirst() {
    assertThat(TiersRead.label(List.of("athena", "redis", "dynamodb"))).isEqualTo("hot+cold");
    assertThat(TiersRead.label(List.of("redshift", "dynamodb"))).isEqualTo("hot+warm");
    assertThat(TiersRead.label(List.of("s3"))).isEqualTo("cold");
    assertThat(TiersRead.label(List.of("athena", "redshift", "redis")))
        .isEqualTo("hot+warm+cold");
  }

  @Test void storesOfNoTierNameNone() {
    assertThat(TiersRead.label(List.of())).isEqualTo("none");
    assertThat(TiersRead.label(List.of("control", "dynamodb-streams"))).isEqualTo("none");
  }
}
