package io.tiergate.server.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LiteralMaskTest {
  @Test void stringsAndNumbersBecomeOneMarkEach() {
    assertThat(LiteralMask.apply("SELECT * FROM events WHERE tenant_id = 'tenant-07'"
        + " AND amount > 12.5 LIMIT 10"))
        .isEqualTo("SELECT * FROM events WHERE tenant_id = ? AND amount > ? LIMIT ?");
  }

  @Test void aQuoteInsideAStringDoesNotEndIt() {
    assertThat(LiteralMask.apply("SELECT 1 FROM t WHERE name = 'O''Brien'' OR ''1''=''1' AND x = 2"))
        .isEqualTo("SELECT ? FROM t WHERE name = ? AND x = ?");
  }

  @Test void typedLiteralsAreMaskedWhole() {
    assertThat(LiteralMask.apply("SELECT COUNT(*) FROM events WHERE event_time >= "
        + "TIMESTAMP '2026-01-02 03:04:05' AND d < DATE  '2026-02-01' AND t = time '10:00:00'"))
        .isEqualTo("SELECT COUNT(*) FROM events WHERE event_time >= ? AND d < ? AND t = ?");
    assertThat(LiteralMask.apply("SELECT X'CAFE', N'näme', U&'\\0041', 1e-3, .5, 2E10"))
        .isEqualTo("SELECT ?, ?, ?, ?, ?, ?");
  }

  @Test void intervalsKeepTheirUnit() {
    assertThat(LiteralMask.apply("WHERE ts >= CURRENT_TIMESTAMP - INTERVAL '7' DAY"))
        .isEqualTo("WHERE ts >= CURRENT_TIMESTAMP - INTERVAL ? DAY");
  }

  @Test void namesKeepTheirDigitsAndQuotedNamesStayAsTheyAre() {
    assertThat(LiteralMask.apply("SELECT t2.col_3, \"it's 42\" FROM tenant_07 t2 WHERE \"a\"\"b\" = ?"))
        .isEqualTo("SELECT t2.col_3, \"it's 42\" FROM tenant_07 t2 WHERE \"a\"\"b\" = ?");
  }

  @Test void commentsAreDropped() {
    assertThat(LiteralMask.apply("SELECT a -- secret 'x' 42\nFROM t /* tenant 7 */ WHERE b = 1"))
        .isEqualTo("SELECT a  \nFROM t   WHERE b = ?");
  }

  @Test void aStatementThatDoesNotParseIsMaskedAllTheSame() {
    assertThat(LiteralMask.apply("SELEC * FORM t WHERE x = 'unterminated"))
        .isEqualTo("SELEC * FORM t WHERE x = ?");
  }
}
