package io.tiergate.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tiergate.adapter.StoreRequests;
import io.tiergate.planner.catalog.ColumnSpec;
import io.tiergate.planner.catalog.NativeRequestTable;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.util.TimestampString;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.schema.Table;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The reads of the Redis tables through SQL, with the exact commands each query sends; the same
 * against a standalone server and a cluster (subclasses), which must not differ in any of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RedisTablesContract {
  /** 2026-01-01T00:00:00Z: metric points at BASE + 0, 1, 2, 3, 4 seconds. */
  static final long BASE = 1_767_225_600_000L;
  static final List<ColumnSpec> SESSION_COLUMNS = List.of(
      new ColumnSpec("id", SqlTypeName.VARCHAR),
      new ColumnSpec("user_name", SqlTypeName.VARCHAR),
      new ColumnSpec("logins", SqlTypeName.BIGINT),
      new ColumnSpec("expires_at", SqlTypeName.TIMESTAMP));

  RedisConnector connector;
  final CapturedCommands commands = new CapturedCommands();
  RedisSql sql;

  final StoreRequests requests = new StoreRequests(new SimpleMeterRegistry());
  final Map<String, Table> tables = new LinkedHashMap<>();

  /** Starts the engine and connects to it, counting requests in {@code requests}. */
  abstract RedisConnector connect(StoreRequests requests);

  abstract RedisClusterCommands<String, String> writer();

  abstract void stopEngine();

  @BeforeAll void startAndLoad() throws SQLException {
    connector = connect(requests);
    connector.addListener(commands);
    RedisClusterCommands<String, String> redis = writer();
    redis.hset("session:a", Map.of("user_name", "ann", "logins", "3"));
    redis.pexpire("session:a", 600_000);
    redis.hset("session:b", Map.of("user_name", "bob"));
    redis.hset("session:c", Map.of("logins", "7"));
    for (int s = 0; s < 5; s++) {
      redis.zadd("metric:cpu", BASE + s * 1000, RedisSortedSetTable.member(BASE + s * 1000, s + 0.5));
    }
    redis.zadd("metric:mem", BASE + 1000, RedisSortedSetTable.member(BASE + 1000, 64.0));
    redis.set("counter:x", "10");
    redis.psetex("counter:y", 600_000, "20");
    tables.put("sessions", new RedisHashTable("sessions", connector, "session:", SESSION_COLUMNS,
        false, "expires_at"));
    tables.put("sessions_scannable", new RedisHashTable("sessions_scannable", connector,
        "session:", SESSION_COLUMNS, true, "expires_at"));
    tables.put("metrics", new RedisSortedSetTable("metrics", connector, "metric:", false));
    tables.put("counters", new RedisStringTable("counters", connector, "counter:", List.of(
        new ColumnSpec("k", SqlTypeName.VARCHAR),
        new ColumnSpec("n", SqlTypeName.BIGINT),
        new ColumnSpec("ttl_ms", SqlTypeName.BIGINT)), false, "ttl_ms"));
    sql = new RedisSql(tables);
  }

  @AfterAll void stop() throws SQLException {
    if (sql != null) {
      sql.close();
    }
    if (connector != null) {
      connector.close();
    }
    stopEngine();
  }

  @BeforeEach void forgetSetupCommands() {
    commands.take();
  }

  @Test void oneHashByKeyIsHgetallAndItsTtlIsPttl() throws SQLException {
    long before = System.currentTimeMillis();
    writer().pexpire("session:a", 600_000);
    commands.take();
    List<List<Object>> rows = sql.query("select * from sessions where id = 'a'");
    long after = System.currentTimeMillis();

    assertThat(commands.take()).containsExactly("HGETALL session:a", "PTTL session:a");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).subList(0, 3)).containsExactly("a", "ann", 3L);
    // The expiry is when PEXPIRE ran plus 600 s; the gateway adds PTTL to its clock when it
    // sends the read, so it is early by the time the command waits to run (a few ms here).
    assertThat((Long) rows.get(0).get(3)).isBetween(before + 600_000 - 1_000, after + 600_000);
  }

  @Test void anInListIsOneHmgetOfTheProjectedFieldPerKeyAndExistsOnlyWhereNoFieldIsSet()
      throws SQLException {
    List<List<Object>> rows = sql.query(
        "select id, user_name from sessions where id in ('a', 'b', 'c', 'zz') order by id");

    List<String> sent = commands.take();
    // The HMGETs go out in key order; an EXISTS goes out when its key's HMGET has answered,
    // which may be before the last HMGET is sent.
    assertThat(sent).hasSize(6);
    assertThat(sent.stream().filter(c -> c.startsWith("HMGET"))).containsExactly(
        "HMGET session:a user_name", "HMGET session:b user_name", "HMGET session:c user_name",
        "HMGET session:zz user_name");
    // c has no user_name but exists; zz does not exist
    assertThat(sent.stream().filter(c -> c.startsWith("EXISTS")))
        .containsExactlyInAnyOrder("EXISTS session:c", "EXISTS session:zz");
    assertThat(sent.indexOf("EXISTS session:zz"))
        .isGreaterThan(sent.indexOf("HMGET session:zz user_name"));
    assertThat(rows).containsExactly(Arrays.asList("a", "ann"), Arrays.asList("b", "bob"),
        Arrays.asList("c", null));
  }

  @Test void aKeyWithoutExpiryHasANullTtl() throws SQLException {
    assertThat(sql.query("select id, expires_at from sessions where id = 'b'"))
        .containsExactly(Arrays.asList("b", null));
    assertThat(commands.take()).containsExactly("PTTL session:b");
  }

  @Test void withoutAKeyPredicateTheScanIsRefusedAndNothingIsSent() {
    assertThatThrownBy(() -> sql.query("select * from sessions where user_name = 'ann'"))
        .hasRootCauseInstanceOf(RedisScanForbiddenException.class)
        .rootCause().hasMessage("Table 'sessions' would need a SCAN of Redis keys 'session:*'; "
            + "give a key predicate, or set 'scan-allowed: true' for the table in tiergate.yaml");
    assertThat(commands.take()).isEmpty();
  }

  @Test void aTableThatAllowsScanningFindsEveryKey() throws SQLException {
    assertThat(sql.query("select id, logins from sessions_scannable order by id")).containsExactly(
        Arrays.asList("a", 3L), Arrays.asList("b", null), Arrays.asList("c", 7L));
    List<String> sent = commands.take();
    assertThat(sent.get(0)).isEqualTo("SCAN 0 MATCH session:* COUNT 1000");
    assertThat(sent).contains("HMGET session:a logins", "HMGET session:b logins",
        "HMGET session:c logins", "EXISTS session:b");
  }

  @Test void aHalfOpenTimeRangeIsOneZrangebyscoreIncludingTheLowerBoundRowExcludingTheUpper()
      throws SQLException {
    List<List<Object>> rows = sql.query("select ts, `value` from metrics where name = 'cpu'"
        + " and ts >= TIMESTAMP '2026-01-01 00:00:01' and ts < TIMESTAMP '2026-01-01 00:00:03'"
        + " order by ts");

    assertThat(commands.take()).containsExactly(
        "ZRANGEBYSCORE metric:cpu " + (BASE + 1000) + " (" + (BASE + 3000) + " WITHSCORES");
    assertThat(rows).containsExactly(List.of(BASE + 1000, 1.5), List.of(BASE + 2000, 2.5));
  }

  @Test void anOpenLowerBoundAndAClosedUpperBoundExcludeAndIncludeTheirRows()
      throws SQLException {
    List<List<Object>> rows = sql.query("select ts from metrics where name = 'cpu'"
        + " and ts > TIMESTAMP '2026-01-01 00:00:01' and ts <= TIMESTAMP '2026-01-01 00:00:03'"
        + " order by ts");

    // scores are whole milliseconds: > t is >= t + 1 ms, <= t is < t + 1 ms
    assertThat(commands.take()).containsExactly(
        "ZRANGEBYSCORE metric:cpu " + (BASE + 1001) + " (" + (BASE + 3001) + " WITHSCORES");
    assertThat(rows).containsExactly(List.of(BASE + 2000), List.of(BASE + 3000));
  }

  @Test void betweenIncludesTheRowsOnBothBounds() throws SQLException {
    List<List<Object>> rows = sql.query("select ts from metrics where name = 'cpu'"
        + " and ts between TIMESTAMP '2026-01-01 00:00:01' and TIMESTAMP '2026-01-01 00:00:03'"
        + " order by ts");

    assertThat(commands.take()).containsExactly(
        "ZRANGEBYSCORE metric:cpu " + (BASE + 1000) + " (" + (BASE + 3001) + " WITHSCORES");
    assertThat(rows).containsExactly(List.of(BASE + 1000), List.of(BASE + 2000),
        List.of(BASE + 3000));
  }

  @Test void severalSeriesAreOneZrangebyscoreEach() throws SQLException {
    List<List<Object>> rows = sql.query("select name, ts, `value` from metrics"
        + " where name in ('cpu', 'mem', 'disk') and ts >= TIMESTAMP '2026-01-01 00:00:01'"
        + " and ts < TIMESTAMP '2026-01-01 00:00:02' order by name");

    String range = " " + (BASE + 1000) + " (" + (BASE + 2000) + " WITHSCORES";
    assertThat(commands.take()).containsExactly("ZRANGEBYSCORE metric:cpu" + range,
        "ZRANGEBYSCORE metric:disk" + range, "ZRANGEBYSCORE metric:mem" + range);
    assertThat(rows).containsExactly(List.of("cpu", BASE + 1000, 1.5),
        List.of("mem", BASE + 1000, 64.0));
  }

  @Test void aSeriesWithoutTimePredicateIsReadWhole() throws SQLException {
    assertThat(sql.query("select ts from metrics where name = 'cpu'")).hasSize(5);
    assertThat(commands.take()).containsExactly("ZRANGEBYSCORE metric:cpu -inf +inf WITHSCORES");
  }

  @Test void aTimeRangeThatSelectsNothingSendsNothing() throws SQLException {
    assertThat(sql.query("select ts from metrics where name = 'cpu'"
        + " and ts > TIMESTAMP '2026-01-01 00:00:03' and ts < TIMESTAMP '2026-01-01 00:00:01'"))
        .isEmpty();
    assertThat(commands.take()).isEmpty();
  }

  /** The first second of cpu's points up to (not including) the fifth, in SQL. */
  private static final String CPU_FROM_1S = "from metrics where name = 'cpu'"
      + " and ts >= TIMESTAMP '2026-01-01 00:00:01' and ts < TIMESTAMP '2026-01-01 00:00:05'";
  private static final String CPU_RANGE = "ZRANGEBYSCORE metric:cpu " + (BASE + 1000) + " ("
      + (BASE + 5000) + " WITHSCORES";

  @Test void aLimitOnOneSeriesIsSentWithZrangebyscoreAndReturnsTheFirstPointsByTime()
      throws SQLException {
    List<List<Object>> all = sql.query("select ts, `value` " + CPU_FROM_1S);
    commands.take();

    List<List<Object>> rows = sql.query("select ts, `value` " + CPU_FROM_1S + " limit 3");

    assertThat(commands.take()).containsExactly(CPU_RANGE + " LIMIT 0 3");
    assertThat(rows).containsExactly(List.of(BASE + 1000, 1.5), List.of(BASE + 2000, 2.5),
        List.of(BASE + 3000, 3.5)).isEqualTo(all.subList(0, 3));
  }

  @Test void orderByTimeWithOffsetIsSentAsTheCommandsLimit() throws SQLException {
    List<List<Object>> rows = sql.query("select ts " + CPU_FROM_1S
        + " order by ts limit 2 offset 1");

    assertThat(commands.take()).containsExactly(CPU_RANGE + " LIMIT 1 2");
    assertThat(rows).containsExactly(List.of(BASE + 2000), List.of(BASE + 3000));
  }

  @Test void theExplainedCommandCarriesTheLimit() throws SQLException {
    String plan = (String) sql.query("explain plan for select ts " + CPU_FROM_1S
        + " order by ts limit 3").get(0).get(0);

    assertThat(plan).contains("RedisLimit(fetch=[3], order=[time])")
        .contains("request=[" + CPU_RANGE + " LIMIT 0 3]");
    assertThat(commands.take()).isEmpty();
  }

  @Test void aFilterRedisCannotApplyKeepsTheLimitInTheGateway() throws SQLException {
    List<List<Object>> rows = sql.query("select ts, `value` " + CPU_FROM_1S
        + " and `value` > 2 order by ts limit 2");

    // LIMIT 0 2 would return 1.5 and 2.5, of which the filter keeps one
    assertThat(commands.take()).containsExactly(CPU_RANGE);
    assertThat(rows).containsExactly(List.of(BASE + 2000, 2.5), List.of(BASE + 3000, 3.5));
  }

  @Test void descendingTimeKeepsTheLimitInTheGateway() throws SQLException {
    List<List<Object>> rows = sql.query("select ts " + CPU_FROM_1S
        + " order by ts desc limit 2");

    assertThat(commands.take()).containsExactly(CPU_RANGE);
    assertThat(rows).containsExactly(List.of(BASE + 4000), List.of(BASE + 3000));
  }

  @Test void severalSeriesEachTakeOffsetPlusFetchAndTheGatewayCutsTheRest()
      throws SQLException {
    List<List<Object>> rows = sql.query("select name, ts from metrics"
        + " where name in ('cpu', 'mem') and ts >= TIMESTAMP '2026-01-01 00:00:00'"
        + " limit 2 offset 1");

    String range = " " + BASE + " +inf WITHSCORES LIMIT 0 3";
    assertThat(commands.take()).containsExactly("ZRANGEBYSCORE metric:cpu" + range,
        "ZRANGEBYSCORE metric:mem" + range);
    assertThat(rows).hasSize(2);
    // rows come series by series, in time order within one: cpu's second and third
    assertThat(rows).containsExactly(List.of("cpu", BASE + 1000), List.of("cpu", BASE + 2000));
  }

  @Test void orderByTimeOverSeveralSeriesKeepsTheLimitInTheGateway() throws SQLException {
    List<List<Object>> rows = sql.query("select name, ts from metrics"
        + " where name in ('cpu', 'mem') and ts >= TIMESTAMP '2026-01-01 00:00:01'"
        + " order by ts limit 2");

    String range = " " + (BASE + 1000) + " +inf WITHSCORES";
    assertThat(commands.take()).containsExactly("ZRANGEBYSCORE metric:cpu" + range,
        "ZRANGEBYSCORE metric:mem" + range);
    assertThat(rows).extracting(r -> r.get(1)).containsExactly(BASE + 1000, BASE + 1000);
  }

  @Test void stringsAreGetAndTheirTtlPttl() throws SQLException {
    assertThat(sql.query("select k, n from counters where k in ('x', 'y', 'nope') order by k"))
        .containsExactly(List.of("x", 10L), List.of("y", 20L));
    assertThat(commands.take()).containsExactly("GET counter:nope", "GET counter:x",
        "GET counter:y");

    writer().pexpire("counter:y", 600_000);
    commands.take();
    long before = System.currentTimeMillis();
    List<List<Object>> rows = sql.query("select * from counters where k in ('x', 'y') order by k");
    long took = System.currentTimeMillis() - before;
    assertThat(commands.take()).containsExactly("GET counter:x", "PTTL counter:x",
        "GET counter:y", "PTTL counter:y");
    assertThat(rows.get(0)).containsExactly("x", 10L, null);
    assertThat((Long) rows.get(1).get(2)).isBetween(600_000L - took - 2, 600_000L);
  }

  @Test void aWrongTypeNamesTheKeyAndNode() {
    writer().set("session:wrong", "not a hash");
    Throwable thrown;
    try {
      thrown = catchThrowable(() -> sql.query("select * from sessions where id = 'wrong'"));
    } finally {
      writer().del("session:wrong"); // the SCAN test must not meet it
    }
    assertThat(cause(thrown, IllegalStateException.class))
        .hasMessageStartingWith("Redis key 'session:wrong' at " + connector.nodeOf("session:wrong")
            + " holds another type than the table expects: WRONGTYPE");
  }

  @Test void aKeyAsABindParameterIsRead() throws SQLException {
    assertThat(sql.queryPrepared("select id, user_name from sessions where id = ?", "b"))
        .containsExactly(List.of("b", "bob"));
    assertThat(commands.take()).containsExactly("HMGET session:b user_name");
    assertThat(sql.queryPrepared("select id, user_name from sessions where id = ?", "a"))
        .containsExactly(List.of("a", "ann"));
    assertThat(commands.take()).containsExactly("HMGET session:a user_name");
  }

  @Test void everyCommandSentCountsAsOneStoreRequest() throws SQLException {
    double before = requests.count(RedisConnector.STORE);
    sql.query("select * from sessions where id in ('a', 'b', 'zz')");
    sql.query("select * from metrics where name in ('cpu', 'mem')");
    List<String> sent = commands.take();
    assertThat(sent).hasSize(8);
    assertThat(requests.count(RedisConnector.STORE) - before).isEqualTo(sent.size());
  }

  @Test void theNativeRequestNamesTheCommandsOfEachKey() {
    RexBuilder rex = new RexBuilder(new JavaTypeFactoryImpl());
    RelDataTypeFactory types = rex.getTypeFactory();
    RelDataType rowType = ((Table) tables.get("metrics")).getRowType(types);
    RexNode name = rex.makeInputRef(rowType.getFieldList().get(0).getType(), 0);
    RexNode ts = rex.makeInputRef(rowType.getFieldList().get(1).getType(), 1);
    RexNode cpu = rex.makeCall(SqlStdOperatorTable.EQUALS, name, rex.makeLiteral("cpu"));
    RexNode from = rex.makeCall(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, ts,
        rex.makeTimestampLiteral(new TimestampString("2026-01-01 00:00:01"), 3));
    RexNode to = rex.makeCall(SqlStdOperatorTable.LESS_THAN_OR_EQUAL, ts,
        rex.makeTimestampLiteral(new TimestampString("2026-01-01 00:00:03"), 3));

    assertThat(((NativeRequestTable) tables.get("metrics")).nativeRequest(
        List.of(cpu, rex.makeCall(SqlStdOperatorTable.AND, from, to)), null))
        .isEqualTo("ZRANGEBYSCORE metric:cpu " + (BASE + 1000) + " (" + (BASE + 3001)
            + " WITHSCORES");
    RexNode id = rex.makeInputRef(types.createSqlType(SqlTypeName.VARCHAR), 0);
    RexNode a = rex.makeCall(SqlStdOperatorTable.EQUALS, id, rex.makeLiteral("a"));
    assertThat(((NativeRequestTable) tables.get("sessions")).nativeRequest(List.of(a),
        new int[] {0, 1})).isEqualTo("HMGET session:a user_name, EXISTS session:a if no field is set");
    assertThat(((NativeRequestTable) tables.get("sessions")).nativeRequest(List.of(), null))
        .isEqualTo("none: table 'sessions' would need a SCAN of 'session:*', which its "
            + "configuration does not allow");
    assertThat(((NativeRequestTable) tables.get("sessions_scannable")).nativeRequest(List.of(),
        null)).isEqualTo("SCAN 0 MATCH session:* COUNT 1000, then per key: "
            + "HGETALL session:<key>, PTTL session:<key>");
  }

  /** The first exception of {@code type} in the cause chain (Calcite wraps what a scan throws). */
  static <T extends Throwable> T cause(Throwable thrown, Class<T> type) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " in the cause chain", thrown);
  }
}
