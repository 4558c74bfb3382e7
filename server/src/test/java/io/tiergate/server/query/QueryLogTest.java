package io.tiergate.server.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiergate.lifecycle.admin.Caller;
import io.tiergate.server.config.TiergateConfig;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryLogTest {
  private static final Caller ADMIN = new Caller("admin", Set.of(Caller.ADMIN));
  private static final Caller READER = new Caller("reader", Set.of(Caller.READER));
  private static final Caller OTHER = new Caller("other", Set.of(Caller.READER));

  static QueryRecord record(long id, String user) {
    return new QueryRecord(id, user, "SELECT ?", Instant.EPOCH, 1, QueryStatus.OK, null, "hot",
        Map.of("dynamodb", 1L), 1);
  }

  @Test void keepsOnlyTheLastSizeRecordsOldestFirst() {
    QueryLog log = new QueryLog(3);
    for (long id = 1; id <= 5; id++) {
      log.add(record(id, "reader"));
    }
    assertThat(log.visibleTo(ADMIN)).extracting(QueryRecord::queryId).containsExactly(3L, 4L, 5L);
  }

  @Test void aReaderSeesTheirOwnAndAnAdminEveryones() {
    QueryLog log = new QueryLog(10);
    log.add(record(1, "reader"));
    log.add(record(2, "admin"));
    log.add(record(3, "other"));
    log.add(record(4, "reader"));
    assertThat(log.visibleTo(READER)).extracting(QueryRecord::queryId).containsExactly(1L, 4L);
    assertThat(log.visibleTo(OTHER)).extracting(QueryRecord::queryId).containsExactly(3L);
    assertThat(log.visibleTo(ADMIN)).extracting(QueryRecord::queryId)
        .containsExactly(1L, 2L, 3L, 4L);
    assertThat(log.visibleTo(new Caller("nobody", Set.of()))).isEmpty();
  }

  @Test void theSizeComesFromConfigurationWithItsKeyNamedWhenWrong() {
    assertThat(new TiergateConfig.QueryLogConfig(null, null).size()).isEqualTo(1000);
    assertThat(new TiergateConfig.QueryLogConfig(null, null).maskLiterals()).isTrue();
    assertThatThrownBy(() -> new TiergateConfig.QueryLogConfig(0, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("server.query-log.size: 0 must be 1 or more");
  }

  @Test void storeRequestsReadAsNamesInOrder() {
    QueryRecord r = new QueryRecord(1, "u", "s", Instant.EPOCH, 1, QueryStatus.OK, null,
        "hot+cold", Map.of("redis", 1L, "athena", 2L, "dynamodb", 3L), 0);
    assertThat(r.storeRequestsText()).isEqualTo("athena=2,dynamodb=3,redis=1");
  }
}
