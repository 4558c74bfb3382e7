package io.tiergate.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatementKindTest {
  @Test void theFirstKeywordFromAFixedSetNeverAValue() {
    assertThat(StatementKind.of("  select * from t")).isEqualTo("SELECT");
    assertThat(StatementKind.of("WITH x AS (SELECT 1) SELECT * FROM x")).isEqualTo("SELECT");
    assertThat(StatementKind.of("(SELECT 1) UNION ALL (SELECT 2)")).isEqualTo("SELECT");
    assertThat(StatementKind.of("COPY events FROM 's3://b/k'")).isEqualTo("COPY");
    assertThat(StatementKind.of("UNLOAD ('SELECT 1') TO 's3://b/'")).isEqualTo("UNLOAD");
    assertThat(StatementKind.of("'; DROP TABLE x; --")).isEqualTo("OTHER");
    assertThat(StatementKind.of("VACUUM events")).isEqualTo("OTHER");
    assertThat(StatementKind.of(null)).isEqualTo("OTHER");
  }
}
